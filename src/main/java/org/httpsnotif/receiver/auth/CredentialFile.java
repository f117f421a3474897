package org.httpsnotif.receiver.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file of {@code name:secret} lines, where the secret is a password hash (users files) or a
 * token digest (token files). Blank lines and lines starting with # are ignored.
 */
public final class CredentialFile {

  private final Map<String, String> secrets;

  private CredentialFile(Map<String, String> secrets) {
    this.secrets = Collections.unmodifiableMap(secrets);
  }

  public static CredentialFile empty() {
    return new CredentialFile(Map.of());
  }

  /** Reads the file; a line without a name and a secret is an error naming its line number. */
  public static CredentialFile read(Path file) throws IOException {
    Map<String, String> secrets = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 1 || colon == line.length() - 1) {
        throw new IOException(file + " line " + (i + 1) + ": expected name:secret");
      }
      secrets.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return new CredentialFile(secrets);
  }

  public Optional<String> secret(String name) {
    return Optional.ofNullable(secrets.get(name));
  }

  /** The name whose secret equals the given one, for token files where the secret is the key. */
  public Optional<String> nameOf(String secret) {
    return secrets.entrySet().stream().filter(e -> e.getValue().equals(secret)).map(Map.Entry::getKey).findFirst();
  }

  public Map<String, String> entries() {
    return secrets;
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** Writes the file with the name's secret set, keeping the other lines; readable by its owner. */
  public static void put(Path file, String name, String secret) throws IOException {
    if (name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a name must be non-empty, without ':' or spaces");
    }
    List<String> lines = new ArrayList<>();
    boolean replaced = false;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(name + ":")) {
          lines.add(name + ":" + secret);
          replaced = true;
        } else {
          lines.add(line);
        }
      }
    }
    if (!replaced) {
      lines.add(name + ":" + secret);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Nothing to tighten on this file system.
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
