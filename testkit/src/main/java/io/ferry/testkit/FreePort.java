package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a TCP port that is free on 127.0.0.1 right now, for a service that binds it a moment later.
 *
 * <p>The port comes from below the kernel's ephemeral range ({@code
 * /proc/sys/net/ipv4/ip_local_port_range}, 32768-60999 by default) and below Kubernetes' NodePorts
 * (30000-32767): a port the kernel hands out for {@code bind(0)} is one it also hands to outgoing
 * connections, so any client connection made between the pick and the service's bind could take it
 * ("bind: address already in use", seen in CI). No port is handed out twice by one JVM. Where the
 * range leaves too little room below it, the kernel's choice is used.
 */
public final class FreePort {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 15_000;

  /** Kubernetes' NodePorts start at 30000; kube-proxy may answer those on loopback unbound. */
  private static final int HIGHEST = 29_999;

  private static final int ATTEMPTS = 100;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePort() {}

  /** Returns a port that is free on 127.0.0.1 and outside the ephemeral range where possible. */
  public static int pick() {
    int highest = Math.min(HIGHEST, firstEphemeralPort() - 1);
    if (highest - LOWEST >= 1_000) {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
        if (HANDED_OUT.add(port) && bindable(port)) {
          return port;
        }
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HANDED_OUT.add(socket.getLocalPort());
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to find a free port on 127.0.0.1 but failed", e);
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The lower bound of the ephemeral range; the Linux default when it cannot be read. */
  private static int firstEphemeralPort() {
    try {
      // readAllLines, not readString: on JDK 17 readString returns "3" for this /proc file
      String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
