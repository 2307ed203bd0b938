import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's own ingest rate, from a client that costs next to nothing: each blob is uploaded
 * monolithically (POST, then PUT with the digest) straight from its file by sendfile, no hashing,
 * PARALLEL uploads at a time over kept-alive connections. What no client can beat on this machine.
 *
 * <p>java RegistryIngest.java HOST:PORT PARALLEL DIGESTS-FILE BLOBS-DIR (run from source, JDK 17+)
 */
public class RegistryIngest {

  public static void main(String[] args) throws Exception {
    String[] hostPort = args[0].split(":");
    InetSocketAddress registry =
        new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    int parallel = Integer.parseInt(args[1]);
    List<String> digests = Files.readAllLines(Path.of(args[2]));
    Path blobs = Path.of(args[3]);
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < parallel; t++) {
      Thread thread =
          new Thread(
              () -> {
                try (SocketChannel socket = SocketChannel.open(registry)) {
                  socket.socket().setTcpNoDelay(true);
                  InputStream in = new BufferedInputStream(Channels.newInputStream(socket), 65536);
                  for (int i; (i = next.getAndIncrement()) < digests.size(); ) {
                    upload(socket, in, args[0], digests.get(i).trim(), blobs);
                  }
                } catch (Throwable e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      failures.get(0).printStackTrace();
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "%.2f%n", (System.nanoTime() - start) / 1e9);
  }

  private static void upload(
      SocketChannel socket, InputStream in, String host, String digest, Path blobs)
      throws IOException {
    send(socket, "POST /v2/raw/ingest/blobs/uploads/ HTTP/1.1\r\nHost: " + host
        + "\r\nContent-Length: 0\r\n\r\n");
    String location = answer(in, 202, "Location");
    try (FileChannel file = FileChannel.open(blobs.resolve(digest))) {
      long size = file.size();
      send(socket, "PUT " + location + (location.contains("?") ? "&" : "?") + "digest=sha256:"
          + digest + " HTTP/1.1\r\nHost: " + host
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size + "\r\n\r\n");
      for (long position = 0; position < size; ) {
        position += file.transferTo(position, size - position, socket);
      }
    }
    answer(in, 201, null);
  }

  private static void send(SocketChannel socket, String head) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
    while (bytes.hasRemaining()) {
      socket.write(bytes);
    }
  }

  /** Reads an answer, which must have {@code status}; returns the value of {@code header}. */
  private static String answer(InputStream in, int status, String header) throws IOException {
    String statusLine = line(in);
    String value = null;
    long length = 0;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(line.substring(colon + 1).trim());
      } else if (name.equalsIgnoreCase(header)) {
        value = line.substring(colon + 1).trim();
      }
    }
    in.skipNBytes(length);
    if (!statusLine.contains(" " + status + " ")) {
      throw new IOException("expected " + status + ", the registry answered " + statusLine);
    }
    return value;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new EOFException("the registry closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
