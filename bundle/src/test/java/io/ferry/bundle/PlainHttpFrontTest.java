package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The front of {@code serve}, against a backend that takes its time. */
class PlainHttpFrontTest {

  @Test
  void aClientWaitingForASlowAnswerIsNotTakenForOneThatStoppedReading() throws Exception {
    try (ServerSocket backend = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        PlainHttpFront front =
            PlainHttpFront.start(
                new InetSocketAddress("127.0.0.1", 0),
                (InetSocketAddress) backend.getLocalSocketAddress(),
                Duration.ofSeconds(1))) {
      Thread slow =
          new Thread(
              () -> {
                try (Socket server = backend.accept()) {
                  server.getInputStream().read(new byte[1024]); // the request
                  Thread.sleep(3_000); // three idle times: a range decompressed from the start
                  server
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                  // the test's assertion says what went wrong
                }
              });
      slow.start();
      try (Socket client = new Socket("127.0.0.1", front.address().getPort())) {
        client.setSoTimeout(20_000);
        OutputStream out = client.getOutputStream();
        out.write("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = client.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("ok");
      }
      slow.join(10_000);
    }
  }
}
