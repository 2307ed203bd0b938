package io.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void picksDistinctBindablePortsBelowTheEphemeralRange() throws IOException {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range"); // Linux only
    int firstEphemeral =
        Files.exists(range)
            ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
            : 0;
    Set<Integer> picked = new HashSet<>();

    for (int i = 0; i < 50; i++) {
      int port = FreePort.pick();
      assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
      if (Files.exists(range) && Math.min(29_999, firstEphemeral - 1) - 15_000 >= 1_000) {
        assertThat(port).isBetween(15_000, Math.min(29_999, firstEphemeral - 1));
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      }
    }
  }
}
