package io.ferry.bundle;

import java.util.List;

/**
 * What a push did, for the summary and {@code --report}.
 *
 * @param bundle the bundle file
 * @param indexDigest sha256 of the verified {@code bundle.json}
 * @param signature what the signature check found: {@code valid} (with {@code --key}), {@code
 *     not-checked} (signed, no {@code --key}) or {@code unsigned}
 * @param registry the target registry
 * @param images per image: where it went and what was sent
 * @param bytesSent blob bytes uploaded (resent bytes after a failure included)
 * @param bytesSkipped blob bytes the registry had or mounted
 * @param blobsUploaded blobs uploaded
 * @param blobsSkipped blobs the registry had or mounted
 * @param createdProjects Harbor projects created
 * @param seconds how long the push took
 */
public record PushResult(
    String bundle,
    String indexDigest,
    String signature,
    String registry,
    List<ImageResult> images,
    long bytesSent,
    long bytesSkipped,
    int blobsUploaded,
    int blobsSkipped,
    List<String> createdProjects,
    double seconds) {

  public PushResult {
    images = List.copyOf(images);
    createdProjects = List.copyOf(createdProjects);
  }

  /**
   * One image.
   *
   * @param source the reference in the spec
   * @param target where it was pushed, {@code host/project/name:tag}
   * @param digest the digest pushed (and tagged)
   * @param bytesSent bytes uploaded for its blobs
   * @param bytesSkipped bytes of its blobs the registry had or mounted
   */
  public record ImageResult(
      String source, String target, String digest, long bytesSent, long bytesSkipped) {}
}
