package org.httpsnotif.receiver.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that write users and token files, so nobody writes a hash by hand. */
public final class CredentialCommands {

  private CredentialCommands() {}

  @Command(
      name = "add-user",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a user to a users file (or changes its password), storing a PBKDF2-HMAC-SHA256 hash.",
        "The password is asked for on the terminal, or read as the first line of standard input."
      })
  public static final class AddUser implements Callable<Integer> {

    @Option(names = "--file", required = true, paramLabel = "FILE",
        description = "The users file (--publisher-users or --reader-users).")
    Path file;

    @Parameters(paramLabel = "NAME", description = "The user name.")
    String name;

    @Override
    public Integer call() throws Exception {
      char[] password = readPassword();
      if (password == null || password.length == 0) {
        System.err.println("error: no password given");
        return 2;
      }
      CredentialFile.put(file, name, PasswordHash.hash(password));
      Arrays.fill(password, '\0');
      System.out.println("user '" + name + "' written to " + file);
      return 0;
    }

    private static char[] readPassword() throws Exception {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Again: ");
        return Arrays.equals(first, again) ? first : null;
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? null : line.toCharArray();
    }
  }

  @Command(
      name = "add-token",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a bearer token for a reader, prints it once, and stores only its SHA-256 digest."
      })
  public static final class AddToken implements Callable<Integer> {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The tokens file (--reader-tokens).")
    Path file;

    @Parameters(paramLabel = "NAME", description = "Who the token is for.")
    String name;

    @Override
    public Integer call() throws Exception {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      CredentialFile.put(file, name, BasicVerifier.digest(token));
      System.out.println(token);
      return 0;
    }
  }
}
