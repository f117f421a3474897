package org.httpsnotif.receiver.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Parses the command line over the environment and the config file into {@link Options}. */
public final class Settings {

  private Settings() {}

  /** A command line whose defaults come from the environment, then the config file. */
  public static CommandLine commandLine(Options options, String[] args, Map<String, String> env)
      throws IOException {
    Properties file = new Properties();
    Path config = configPath(args, env);
    if (config != null) {
      try (Reader reader = Files.newBufferedReader(config)) {
        file.load(reader);
      }
    }
    CommandLine cmd = new CommandLine(options);
    cmd.setDefaultValueProvider(new Layered(env, file));
    return cmd;
  }

  private static Path configPath(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String fromEnv = env.get("HNR_CONFIG");
    return fromEnv == null ? null : Path.of(fromEnv);
  }

  /** Environment first, then the file; null lets the option's own default apply. */
  private record Layered(Map<String, String> env, Properties file) implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec option)) {
        return null;
      }
      String name = option.longestName().replaceFirst("^--", "");
      String fromEnv = env.get("HNR_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      return fromEnv != null ? fromEnv : file.getProperty(name);
    }
  }
}
