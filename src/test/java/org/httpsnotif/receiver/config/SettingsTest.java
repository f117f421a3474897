package org.httpsnotif.receiver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SettingsTest {

  private static Options parse(Map<String, String> env, String... args) throws Exception {
    Options options = new Options();
    Settings.commandLine(options, args, env).parseArgs(args);
    return options;
  }

  @Test
  void defaults() throws Exception {
    Options o = parse(Map.of());
    assertEquals(4443, o.ingestPort);
    assertEquals(8443, o.apiPort);
    assertEquals("127.0.0.1", o.apiHost);
    assertEquals(List.of("/"), o.basePaths);
    assertEquals(16L << 20, o.bodyLimit);
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("receiver.properties");
    Files.writeString(file, "ingest-port = 1111\napi-port = 2222\nbody-limit = 1KiB\nbase-path = /a,/b\n");
    Options o =
        parse(Map.of("HNR_API_PORT", "3333", "HNR_INGEST_PORT", "4444"), "--config", file.toString(), "--ingest-port", "5555");
    assertEquals(5555, o.ingestPort);
    assertEquals(3333, o.apiPort);
    assertEquals(1024, o.bodyLimit);
    assertEquals(List.of("/a", "/b"), o.basePaths);
  }

  @Test
  void theConfigFileCanComeFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.properties");
    Files.writeString(file, "max-pending = 7\n");
    assertEquals(7, parse(Map.of("HNR_CONFIG", file.toString())).maxPending);
  }

  @Test
  void badValuesAreRefused() {
    assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--body-limit", "lots"));
    assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--ingest-port", "x"));
    assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--no-such-option"));
  }

  @Test
  void sizes() {
    Sizes sizes = new Sizes();
    assertEquals(4096L, sizes.convert("4096"));
    assertEquals(64L << 10, sizes.convert("64KiB"));
    assertEquals(16L << 20, sizes.convert("16MiB"));
    assertEquals(16L << 20, sizes.convert("16mb"));
    assertEquals(1L << 30, sizes.convert("1GiB"));
    assertThrows(CommandLine.TypeConversionException.class, () -> sizes.convert("-1"));
    assertThrows(CommandLine.TypeConversionException.class, () -> sizes.convert("MiB"));
  }

  @Test
  void databaseFollowsLibpqThenTheUrl() {
    Database fromDefaults = Database.resolve(null, Map.of());
    assertEquals("127.0.0.1", fromDefaults.host());
    assertEquals(5432, fromDefaults.port());
    assertEquals(System.getProperty("user.name"), fromDefaults.user());
    assertEquals(fromDefaults.user(), fromDefaults.database());

    Map<String, String> env =
        Map.of("PGHOST", "db.example", "PGPORT", "6543", "PGUSER", "alice", "PGPASSWORD", "s3cret", "PGDATABASE", "telemetry");
    assertEquals(new Database("db.example", 6543, "telemetry", "alice", "s3cret"), Database.resolve(null, env));
    assertEquals(
        new Database("other", 6543, "notifs", "bob", "p@ss"),
        Database.resolve("postgresql://bob:p%40ss@other/notifs", env));
    assertEquals(new Database("db.example", 6543, "telemetry", "alice", "s3cret"), Database.resolve(" ", env));
    assertThrows(IllegalArgumentException.class, () -> Database.resolve("mysql://x/y", env));
    assertEquals("alice@db.example:6543/telemetry", Database.resolve(null, env).describe());
  }

  @Test
  void aSelfSignedCertificateIsMadeOnceAndReused(@TempDir Path dir) throws Exception {
    Tls first = Tls.load(null, null, dir);
    Tls second = Tls.load(null, null, dir);
    assertEquals(first.fingerprint(), second.fingerprint());
    assertEquals(95, first.fingerprint().length());
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(first.key())));
    assertThrows(IllegalArgumentException.class, () -> Tls.load(first.cert(), null, dir));
  }
}
