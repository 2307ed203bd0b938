package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.RegistryException;
import io.ferry.oci.TransferListener;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.manifest.ImageManifest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Behaviour a real registry cannot be made to show, against {@link FakeRegistry}: rate limiting,
 * transient failures, broken connections and content that does not match its digest.
 */
class RegistryFailureTest {

  private static final RetryPolicy FAST =
      new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

  private static final byte[] MANIFEST =
      ImageManifest.of(
              MediaTypes.OCI_MANIFEST,
              Descriptor.of(MediaTypes.OCI_CONFIG, "{}".getBytes()),
              List.of(),
              Map.of())
          .raw();

  @Test
  void waitsAsLongAsRetryAfterSaysOnA429ThenSucceeds() {
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              if (n == 1) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                FakeRegistry.respond(
                    exchange, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}".getBytes());
              } else {
                FakeRegistry.respond(exchange, 200, new byte[0]);
              }
            })) {
      long start = System.nanoTime();

      fake.client(FAST).ping();

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
      assertThat(fake.seen()).hasSize(2);
    }
  }

  @Test
  void retriesA503AndGetsTheManifest() {
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              if (n == 1) {
                FakeRegistry.respond(exchange, 503, "busy".getBytes());
              } else {
                exchange.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
                FakeRegistry.respond(exchange, 200, MANIFEST);
              }
            })) {

      assertThat(fake.client(FAST).pullManifest("ferry/app", "1.0").raw()).isEqualTo(MANIFEST);
      assertThat(fake.seen()).hasSize(2);
    }
  }

  @Test
  void givesUpAfterTheBoundedAttemptsAndReportsTheLastAnswer() {
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> FakeRegistry.respond(exchange, 500, "disk on fire".getBytes()))) {

      assertThatThrownBy(() -> fake.client(FAST).pullManifest("ferry/app", "1.0"))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.getMessage())
                    .contains("500 Internal Server Error [disk on fire]")
                    .contains("the registry failed on its side");
              });
      assertThat(fake.seen()).hasSize(4);
    }
  }

  @Test
  void doesNotRetryAClientError() {
    try (FakeRegistry fake =
        new FakeRegistry((exchange, n) -> FakeRegistry.respond(exchange, 400, "{}".getBytes()))) {

      assertThatThrownBy(() -> fake.client(FAST).pullManifest("ferry/app", "1.0"))
          .isInstanceOf(RegistryException.class);
      assertThat(fake.seen()).hasSize(1);
    }
  }

  @Test
  void rejectsAManifestWhoseBytesDoNotMatchTheDigestAskedFor() {
    Digest asked = Digest.of("something else".getBytes());
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              exchange.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
              FakeRegistry.respond(exchange, 200, MANIFEST);
            })) {

      assertThatThrownBy(() -> fake.client(FAST).pullManifest("ferry/app", asked.toString()))
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining("manifest " + asked + " from " + fake.hostAndPort() + "/ferry/app")
          .hasMessageContaining("hashes to " + Digest.of(MANIFEST));
    }
  }

  @Test
  void rejectsAManifestByTagThatDoesNotMatchTheAnnouncedDigest() {
    Digest announced = Digest.of("the real one".getBytes());
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              exchange.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
              exchange.getResponseHeaders().add("Docker-Content-Digest", announced.toString());
              FakeRegistry.respond(exchange, 200, MANIFEST);
            })) {

      assertThatThrownBy(() -> fake.client(FAST).pullManifest("ferry/app", "1.0"))
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining(announced.toString());
    }
  }

  @Test
  void rejectsABlobWhoseBytesDoNotMatchItsDigest() {
    byte[] content = TestContent.randomBytes(1_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    byte[] tampered = content.clone();
    tampered[500] ^= 0x20;
    try (FakeRegistry fake =
        new FakeRegistry((exchange, n) -> FakeRegistry.respond(exchange, 200, tampered))) {

      assertThatThrownBy(
              () -> {
                try (InputStream in = fake.client(FAST).pullBlob("ferry/app", blob)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining(
              "blob " + blob.digest() + " from " + fake.hostAndPort() + "/ferry/app");
    }
  }

  @Test
  void rejectsABlobLongerThanItsDescriptorSays() {
    byte[] content = TestContent.randomBytes(1_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    byte[] longer = Arrays.copyOf(content, 2_000);
    try (FakeRegistry fake =
        new FakeRegistry((exchange, n) -> FakeRegistry.respond(exchange, 200, longer))) {

      assertThatThrownBy(
              () -> {
                try (InputStream in = fake.client(FAST).pullBlob("ferry/app", blob)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining("longer than the 1000 bytes");
    }
  }

  @Test
  void resumesABlobWithRangeWhenTheConnectionBreaksMidway() throws Exception {
    byte[] content = TestContent.randomBytes(200_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              String range = exchange.getRequestHeaders().getFirst("Range");
              if (range == null) {
                // Promise everything, send 60%, then drop the connection.
                exchange.sendResponseHeaders(200, content.length);
                exchange.getResponseBody().write(content, 0, 120_000);
                exchange.getResponseBody().flush();
                throw new java.io.IOException("cut the cable");
              }
              int from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
              exchange
                  .getResponseHeaders()
                  .add("Content-Range", "bytes " + from + "-199999/200000");
              FakeRegistry.respond(
                  exchange, 206, Arrays.copyOfRange(content, from, content.length));
            })) {
      ByteArrayOutputStream received = new ByteArrayOutputStream();

      try (InputStream in = fake.client(FAST).pullBlob("ferry/app", blob)) {
        in.transferTo(received);
      }

      assertThat(received.toByteArray()).isEqualTo(content);
      assertThat(fake.seen()).hasSize(2);
      assertThat(fake.seen().get(1).range()).startsWith("bytes=").endsWith("-");
    }
  }

  @Test
  void resumesAChunkedUploadFromWhereTheRegistrySaysItGot() {
    byte[] content = TestContent.randomBytes(100_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    AtomicReference<Boolean> failedOnce = new AtomicReference<>(false);
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              String method = exchange.getRequestMethod();
              String path = exchange.getRequestURI().getPath();
              if (method.equals("HEAD")) {
                FakeRegistry.respond(exchange, 404, new byte[0]);
              } else if (method.equals("POST")) {
                exchange
                    .getResponseHeaders()
                    .add("Location", "/v2/ferry/app/blobs/uploads/u1?_state=x");
                FakeRegistry.respond(exchange, 202, new byte[0]);
              } else if (method.equals("PATCH")) {
                byte[] chunk = exchange.getRequestBody().readAllBytes();
                if (stored.size() == 40_000 && !failedOnce.get()) {
                  // Keep half of this chunk, then fail, as a registry cut off mid-chunk would.
                  stored.write(chunk, 0, 10_000);
                  failedOnce.set(true);
                  FakeRegistry.respond(exchange, 502, new byte[0]);
                  return;
                }
                stored.write(chunk, 0, chunk.length);
                exchange.getResponseHeaders().add("Location", path + "?_state=y");
                exchange.getResponseHeaders().add("Range", "0-" + (stored.size() - 1));
                FakeRegistry.respond(exchange, 202, new byte[0]);
              } else if (method.equals("GET")) {
                exchange.getResponseHeaders().add("Location", path + "?_state=z");
                exchange.getResponseHeaders().add("Range", "0-" + (stored.size() - 1));
                FakeRegistry.respond(exchange, 204, new byte[0]);
              } else if (method.equals("PUT")) {
                boolean ok = Digest.of(stored.toByteArray()).equals(blob.digest());
                exchange
                    .getResponseHeaders()
                    .add("Docker-Content-Digest", blob.digest().toString());
                FakeRegistry.respond(exchange, ok ? 201 : 400, new byte[0]);
              }
            })) {
      RegistryClient client =
          RegistryClient.builder(fake.hostAndPort())
              .transport(TransportOptions.defaults().withRetry(FAST).withChunkSize(20_000))
              .build();

      BlobPush push =
          client.pushBlob("ferry/app", blob, BlobSource.of(content), TransferListener.NONE);

      assertThat(push.outcome()).isEqualTo(BlobPush.Outcome.UPLOADED);
      assertThat(stored.toByteArray()).isEqualTo(content);
      assertThat(fake.seen())
          .filteredOn(seen -> seen.method().equals("PATCH"))
          .extracting(FakeRegistry.Seen::contentRange)
          .containsExactly(
              "0-19999", "20000-39999", "40000-59999", "50000-69999", "70000-89999", "90000-99999");
      assertThat(push.bytesSent()).as("100 000 plus the 10 000 resent").isEqualTo(110_000);
    }
  }

  @Test
  void followsABlobRedirectToStorageWithoutTheRegistrysAuthorization() throws Exception {
    byte[] content = TestContent.randomBytes(3_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    AtomicReference<String> storageSawAuthorization = new AtomicReference<>("not called");
    try (FakeRegistry storage =
            new FakeRegistry(
                (exchange, n) -> {
                  storageSawAuthorization.set(
                      String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                  FakeRegistry.respond(exchange, 200, content);
                });
        FakeRegistry fake =
            new FakeRegistry(
                (exchange, n) -> {
                  if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
                    FakeRegistry.respond(exchange, 401, new byte[0]);
                    return;
                  }
                  exchange
                      .getResponseHeaders()
                      .add(
                          "Location",
                          "http://" + storage.hostAndPort() + "/bucket/blob?signature=s");
                  FakeRegistry.respond(exchange, 307, new byte[0]);
                })) {
      RegistryClient client =
          RegistryClient.builder(fake.hostAndPort())
              .credentials(CredentialProvider.of(new Credentials("robot", "secret")))
              .transport(TransportOptions.defaults().withRetry(FAST))
              .build();

      try (InputStream in = client.pullBlob("ferry/app", blob)) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }

      assertThat(storageSawAuthorization.get()).isEqualTo("null");
    }
  }

  @Test
  void aWholeUploadWhosePutFailsStartsOverWithANewSession() {
    byte[] content = TestContent.randomBytes(10_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    AtomicReference<Integer> puts = new AtomicReference<>(0);
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              switch (exchange.getRequestMethod()) {
                case "HEAD" -> FakeRegistry.respond(exchange, 404, new byte[0]);
                case "POST" -> {
                  exchange
                      .getResponseHeaders()
                      .add("Location", "/v2/ferry/app/blobs/uploads/s" + n);
                  FakeRegistry.respond(exchange, 202, new byte[0]);
                }
                default -> {
                  byte[] body = exchange.getRequestBody().readAllBytes();
                  puts.set(puts.get() + 1);
                  boolean ok = puts.get() > 1 && Digest.of(body).equals(blob.digest());
                  FakeRegistry.respond(exchange, ok ? 201 : 503, new byte[0]);
                }
              }
            })) {

      BlobPush push =
          fake.client(FAST)
              .pushBlob("ferry/app", blob, BlobSource.of(content), TransferListener.NONE);

      assertThat(push.outcome()).isEqualTo(BlobPush.Outcome.UPLOADED);
      assertThat(fake.seen())
          .extracting(FakeRegistry.Seen::method)
          .containsExactly("HEAD", "POST", "PUT", "POST", "PUT");
      assertThat(fake.seen().get(4).uri()).startsWith("/v2/ferry/app/blobs/uploads/s4?digest=");
    }
  }

  @Test
  void aRefusedTokenIsReplacedOnceAndTheCallSucceeds() {
    AtomicReference<Integer> tokensIssued = new AtomicReference<>(0);
    AtomicReference<String> realm = new AtomicReference<>();
    AtomicReference<Integer> answered = new AtomicReference<>(0);
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              String path = exchange.getRequestURI().getPath();
              if (path.equals("/token")) {
                assertThat(exchange.getRequestURI().getQuery())
                    .contains("service=fake")
                    .contains("scope=repository:ferry/app:pull");
                tokensIssued.set(tokensIssued.get() + 1);
                FakeRegistry.respond(
                    exchange,
                    200,
                    ("{\"token\":\"t" + tokensIssued.get() + "\",\"expires_in\":300}").getBytes());
                return;
              }
              // Accepts t1 once, then only t2, as after the registry rotated its signing key.
              String wanted = answered.get() == 0 ? "Bearer t1" : "Bearer t2";
              if (!wanted.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange
                    .getResponseHeaders()
                    .add(
                        "WWW-Authenticate",
                        "Bearer realm=\""
                            + realm.get()
                            + "\",service=\"fake\",scope=\"repository:ferry/app:pull\"");
                FakeRegistry.respond(exchange, 401, new byte[0]);
                return;
              }
              answered.set(answered.get() + 1);
              FakeRegistry.respond(exchange, 404, new byte[0]);
            })) {
      realm.set("http://" + fake.hostAndPort() + "/token");
      RegistryClient client = fake.client(FAST);

      assertThat(client.hasBlob("ferry/app", Digest.of(new byte[0]))).isFalse();
      assertThat(tokensIssued.get()).isEqualTo(1);
      assertThat(client.hasBlob("ferry/app", Digest.of(new byte[1]))).isFalse();

      assertThat(tokensIssued.get()).isEqualTo(2);
    }
  }

  @Test
  void anInterruptDuringABackoffStopsTheCallAndKeepsTheFlag() throws Exception {
    try (FakeRegistry fake =
        new FakeRegistry(
            (exchange, n) -> {
              exchange.getResponseHeaders().add("Retry-After", "30");
              FakeRegistry.respond(exchange, 503, new byte[0]);
            })) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  fake.client(RetryPolicy.DEFAULT).ping();
                } catch (RuntimeException e) {
                  thrown.set(e);
                  flag.set(Thread.currentThread().isInterrupted());
                }
              });
      caller.start();
      while (fake.seen().isEmpty()) {
        Thread.sleep(10);
      }
      Thread.sleep(100);

      caller.interrupt();
      caller.join(5_000);

      assertThat(thrown.get())
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("interrupted");
      assertThat(flag.get()).isTrue();
    }
  }
}
