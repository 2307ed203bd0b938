package io.ferry.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-JVM HTTP server on 127.0.0.1 for what a real registry cannot be made to do: rate limit,
 * fail once, or send bytes that do not match their digest. Every request is recorded.
 */
final class FakeRegistry implements AutoCloseable {

  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, int requestNumber) throws IOException;
  }

  /** What the server saw: method, path with query, and the Range and Content-Range headers. */
  record Seen(String method, String uri, String range, String contentRange) {}

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  FakeRegistry(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          seen.add(
              new Seen(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  String.valueOf(exchange.getRequestHeaders().getFirst("Range")),
                  String.valueOf(exchange.getRequestHeaders().getFirst("Content-Range"))));
          try {
            handler.handle(exchange, seen.size());
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String hostAndPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  RegistryClient client(RetryPolicy retry) {
    return RegistryClient.builder(hostAndPort())
        .transport(TransportOptions.defaults().withRetry(retry))
        .build();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
