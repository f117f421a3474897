package org.httpsnotif.receiver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.httpsnotif.receiver.auth.CredentialCommands;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.config.Settings;
import org.httpsnotif.receiver.http.Native;
import org.httpsnotif.receiver.publish.PublishCommand;
import picocli.CommandLine;

/**
 * Parses the options, starts the receiver, and stops it cleanly on SIGTERM or Ctrl-C; or, with
 * {@code publish} first, runs the publisher tool.
 */
public final class Main {

  /** The tools that share the jar with the receiver: java -jar receiver.jar COMMAND --help. */
  private static final Map<String, Supplier<Object>> COMMANDS =
      Map.of(
          "add-user", CredentialCommands.AddUser::new,
          "add-token", CredentialCommands.AddToken::new);

  private Main() {}

  public static void main(String[] args) {
    Native.keepUnsafe(System.getProperties(), Runtime.version().feature());
    System.setProperty(
        "vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    if (args.length == 1 && args[0].equals("publish-series")) {
      System.exit(PublishCommand.series(
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out));
      return;
    }
    if (args.length > 0 && args[0].equals("publish")) {
      System.exit(PublishCommand.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && COMMANDS.containsKey(args[0])) {
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      System.exit(new CommandLine(COMMANDS.get(args[0]).get()).execute(rest));
      return;
    }
    Options options = new Options();
    CommandLine cmd;
    try {
      cmd = Settings.commandLine(options, args, System.getenv());
    } catch (IOException e) {
      System.err.println("error: cannot read the config file: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      cmd.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("Run with --help to see every option.");
      System.exit(2);
      return;
    }
    if (cmd.isUsageHelpRequested()) {
      cmd.usage(System.out);
      return;
    }
    if (cmd.isVersionHelpRequested()) {
      cmd.printVersionHelp(System.out);
      return;
    }
    Receiver receiver;
    try {
      receiver = Receiver.start(options, System.getenv());
    } catch (Receiver.StartupException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  receiver.close().onComplete(done -> stopped.countDown());
                  try {
                    stopped.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
  }
}
