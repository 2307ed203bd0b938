package io.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one readable line and exit code 1.
 *
 * <p>Our exceptions already say what was tried and why it failed; a stack trace only hides that.
 * Set {@code FERRY_DEBUG=1} to get the stack trace too.
 */
final class FailureReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    commandLine
        .getErr()
        .println(
            commandLine
                .getColorScheme()
                .errorText(commandLine.getCommandName() + ": " + message(exception)));
    if ("1".equals(System.getenv("FERRY_DEBUG"))) {
      exception.printStackTrace(commandLine.getErr());
    }
    return 1;
  }

  private static String message(Throwable exception) {
    StringBuilder text = new StringBuilder(String.valueOf(exception.getMessage()));
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      String causeMessage = cause.getMessage();
      if (causeMessage != null && !text.toString().contains(causeMessage)) {
        text.append(" (caused by: ").append(causeMessage).append(')');
      }
    }
    return text.toString();
  }
}
