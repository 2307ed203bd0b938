package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a TCP port that is free on 127.0.0.1 right now. */
public final class FreePort {

  private FreePort() {}

  /** Returns a port the kernel reports free on 127.0.0.1. */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to find a free port on 127.0.0.1 but failed", e);
    }
  }
}
