package io.xphoto.config;

/**
 * The server cannot start as configured, for a reason its operator fixes outside it (a data directory in
 * use, a busy port). The message is the whole report, one line: the launcher prints it without a stack trace.
 */
public class StartRefused extends Exception {

  public StartRefused(String message) {
    super(message, null, false, false);
  }
}
