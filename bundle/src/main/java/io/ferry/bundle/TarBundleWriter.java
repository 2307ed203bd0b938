package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.VerifyingInputStream;
import io.ferry.oci.layout.LayoutSink;
import io.ferry.oci.layout.OciLayout;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a bundle's tar: entries are streamed straight in (no temporary copies), blobs once each.
 * Every entry is recorded with its sha256 and size for the index. Not thread-safe.
 */
final class TarBundleWriter implements LayoutSink, AutoCloseable {

  private static final int BUFFER = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final TarArchiveOutputStream tar;
  private final Instant modified;
  private final Set<Digest> blobs = new HashSet<>();
  private final List<BundleIndex.FileEntry> files = new ArrayList<>();

  TarBundleWriter(Path file, Instant modified) throws IOException {
    this.file = file;
    this.modified = modified;
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
    this.tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return blobs.contains(digest);
  }

  /**
   * Streams a blob into {@code blobs/sha256/<hex>}; the content must have exactly the descriptor's
   * size, and is checked against its digest as it goes. A {@link VerifyingInputStream} (what {@code
   * RegistryClient.pullBlob} returns) already checks the digest at its end, so it is not hashed
   * twice: on two shared cores the second SHA-256 was a tenth of create's time.
   */
  @Override
  public void putBlob(Descriptor blob, InputStream content) throws IOException {
    boolean verified = content instanceof VerifyingInputStream;
    Digest written = put(OciLayout.blobPath(blob.digest()), blob.size(), content, !verified);
    if (!verified && !written.equals(blob.digest())) {
      throw new BundleException(
          "Blob "
              + blob.digest()
              + " had content with digest "
              + written
              + " while it was written into "
              + file
              + " (the registry served wrong bytes)");
    }
    blobs.add(blob.digest());
  }

  @Override
  public void putFile(String path, byte[] content) throws IOException {
    Digest digest = put(path, content.length, new ByteArrayInputStream(content), true);
    files.add(new BundleIndex.FileEntry(path, content.length, digest.toString()));
  }

  /** A file of the bundle that is not recorded in the index (the index and its signature). */
  void putUnlisted(String path, byte[] content) throws IOException {
    put(path, content.length, new ByteArrayInputStream(content), true);
  }

  /** Files written so far with their hashes, for the index. */
  List<BundleIndex.FileEntry> files() {
    return List.copyOf(files);
  }

  /** Writes an entry; returns its sha256, or null when {@code hash} is false. */
  private @Nullable Digest put(String path, long size, InputStream content, boolean hash)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path, true);
    entry.setSize(size);
    entry.setMode(0644);
    entry.setModTime(modified.toEpochMilli());
    tar.putArchiveEntry(entry);
    var hasher = Digest.newSha256();
    byte[] buffer = new byte[BUFFER];
    long copied = 0;
    int n;
    while (copied < size
        && (n = content.read(buffer, 0, (int) Math.min(buffer.length, size - copied))) > 0) {
      if (hash) {
        hasher.update(buffer, 0, n);
      }
      tar.write(buffer, 0, n);
      copied += n;
    }
    if (copied != size || content.read() != -1) {
      throw new BundleException(
          "Entry "
              + path
              + " of "
              + file
              + " should have "
              + size
              + " bytes but its source had "
              + (copied == size ? "more" : String.valueOf(copied)));
    }
    tar.closeArchiveEntry();
    return hash ? Digest.sha256(hasher.digest()) : null;
  }

  /** Ends the tar and forces it to disk, so a rename afterwards publishes a complete file. */
  void finish() throws IOException {
    tar.finish();
    tar.flush();
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
