package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.VerifyingInputStream;
import io.ferry.oci.layout.LayoutSink;
import io.ferry.oci.layout.OciLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a bundle's tar in two parts. The blob section comes first: every blob's size is known from
 * its descriptor, so each entry's header, data and padding get a fixed region up front, and {@link
 * #putBlob} fills one region at its offset; it is thread-safe, so blobs can be pulled in parallel
 * with no buffering beyond a 1 MiB copy buffer per call. The small files ({@link #putFile}: {@code
 * oci-layout}, {@code index.json}, spec, values, rules, the index) are kept and written after the
 * blob section by {@link #finish}, which also forces the file to disk. So the layout's {@code
 * index.json} always lands after every blob it names, and the tar's exact {@link #size} is known
 * before a byte of a blob is written.
 */
final class TarBundleWriter implements LayoutSink, AutoCloseable {

  private static final int BUFFER = 1 << 20;

  /** How much of a plain layer is tried before it is compressed: its start, 1 MiB. */
  private static final int SAMPLE = 1 << 20;

  /**
   * The share of its size a layer's sample must deflate under to be stored compressed: below, it
   * saves at least a tenth; above, gzip costs ~30 s per GiB of one core for next to nothing.
   */
  private static final double WORTH_IT = 0.9;

  /**
   * How often written blobs are handed to the disk while pulling. Often enough that the disk never
   * idles: on the build machine (ext4, ~560 MB/s) creating the 816 MiB benchmark bundle took 3.6 to
   * 4.0 s forcing every 50 ms, 3.8 to 4.5 s every 100 or 200 ms, 4.3 s every 500 ms.
   */
  private static final Duration FLUSH_EVERY = Duration.ofMillis(50);

  private static final byte[] ZEROS = new byte[TarEntries.RECORD];

  /** A blob's place in the tar: its header at {@code offset}, its data right after. */
  private record Region(Descriptor blob, long offset, byte[] header) {}

  private record SmallFile(String path, byte[] content) {}

  private final Path file;
  private final Instant modified;
  private final FileChannel channel;
  private final Map<Digest, Region> regions = new LinkedHashMap<>();
  private final long blobSectionEnd;
  private final Set<Digest> written = ConcurrentHashMap.newKeySet();

  /**
   * Blobs that may be stored compressed ({@link #compresses}): their size is known only once
   * written, so they have no region; each is appended after the blob section, one at a time,
   * compressed or, when its start shows it does not compress, as it is.
   */
  private final Map<Digest, Descriptor> compressed = new LinkedHashMap<>();

  private final Map<Digest, Long> storedSizes = new ConcurrentHashMap<>();
  private final ReentrantLock appending = new ReentrantLock();
  private final Condition appended = appending.newCondition();
  private long appendEnd;

  /**
   * How many blobs are appended (compressed or not): they go in the order {@link #compressed} lists
   * them, so the tar's bytes do not depend on which thread came first (`--parallel 1` and `4` write
   * the same file).
   */
  private int appendedCount;

  /** {@link #compressed}'s blobs in the order they are appended. */
  private final List<Digest> appendOrder;

  private final List<SmallFile> tail = new ArrayList<>();
  private final List<BundleIndex.FileEntry> files = new ArrayList<>();
  private byte @Nullable [] renderedTail;
  private final Thread flusher;
  private volatile boolean flushing = true;

  /** Creates {@code file} (which must not exist) with a region for each of {@code blobs}. */
  TarBundleWriter(Path file, Instant modified, Collection<Descriptor> blobs) throws IOException {
    this.file = file;
    this.modified = modified;
    long offset = 0;
    for (Descriptor blob : blobs) {
      if (regions.containsKey(blob.digest()) || compressed.containsKey(blob.digest())) {
        continue;
      }
      if (compresses(blob)) {
        compressed.put(blob.digest(), blob);
        continue;
      }
      byte[] header = TarEntries.header(OciLayout.blobPath(blob.digest()), blob.size(), modified);
      regions.put(blob.digest(), new Region(blob, offset, header));
      offset += header.length + blob.size() + TarEntries.padding(blob.size());
    }
    this.blobSectionEnd = offset;
    this.appendEnd = offset;
    this.appendOrder = List.copyOf(compressed.keySet());
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.flusher = new Thread(this::flushWhileWriting, "ferry-bundle-flush");
    flusher.setDaemon(true);
    flusher.start();
  }

  /**
   * Hands what was written so far to the disk every {@link #FLUSH_EVERY} while blobs come in, so
   * the final force in {@link #finish} has little left to wait for: on this machine forcing 816 MiB
   * at the end took about a second, alone, after the transfer. The same bytes reach the disk either
   * way. Never interrupted (an interrupt closes a {@link FileChannel}); it stops at a flag.
   */
  private void flushWhileWriting() {
    while (flushing) {
      try {
        Thread.sleep(FLUSH_EVERY.toMillis());
        if (flushing) {
          channel.force(false);
        }
      } catch (InterruptedException | IOException e) {
        return; // finish() forces everything itself and reports what fails
      }
    }
  }

  private void stopFlushing() {
    flushing = false;
    try {
      flusher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether {@code blob} may be stored gzip-compressed: a layer that came uncompressed (a tar),
   * from 4 KiB (smaller ones gain nothing worth a second format) to under 4 GiB, if its start
   * compresses ({@link #compressible}). Layers that come gzip or zstd, configs and manifests are
   * stored as they are.
   */
  static boolean compresses(Descriptor blob) {
    return BundleIndex.Blob.PLAIN_LAYERS.contains(blob.mediaType())
        && blob.digest().algorithm().equals("sha256") // a one-record header: a name under 100
        && blob.size() >= 4096
        && blob.size() < (4L << 30);
  }

  /** The most a compressed blob's entry can take: deflate adds 5 bytes per 16 KiB at worst. */
  private static long bound(long size) {
    long data = size + size / 1024 + 1024;
    return TarEntries.RECORD + data + TarEntries.padding(data);
  }

  /** True for every blob of the bundle: all are written before {@link #finish}. */
  @Override
  public boolean hasBlob(Digest digest) {
    return regions.containsKey(digest) || compressed.containsKey(digest);
  }

  /** The compressed size of each blob stored compressed, once written. */
  Map<Digest, Long> storedSizes() {
    return Map.copyOf(storedSizes);
  }

  /** The compressed size a blob that will be stored compressed is at most. */
  Map<Digest, Long> storedSizeBounds() {
    Map<Digest, Long> bounds = new LinkedHashMap<>();
    compressed.forEach((digest, blob) -> bounds.put(digest, bound(blob.size())));
    return bounds;
  }

  /**
   * Streams a blob of the blob section into its region, checking it against its size and digest
   * (without hashing twice when {@code content} is a {@link VerifyingInputStream}, as {@code
   * RegistryClient.pullBlob} returns). Safe to call from several threads for different blobs. Each
   * call writes through its own channel, so a thread interrupted to cancel it closes only that one.
   */
  @Override
  public void putBlob(Descriptor blob, InputStream content) throws IOException {
    if (compressed.containsKey(blob.digest())) {
      putCompressed(blob, content);
      return;
    }
    Region region = regions.get(blob.digest());
    if (region == null || region.blob().size() != blob.size()) {
      throw new IllegalStateException(
          "Tried to write blob " + blob.digest() + " into " + file + " but it has no region");
    }
    if (!written.add(blob.digest())) {
      throw new IllegalStateException(
          "Tried to write blob " + blob.digest() + " into " + file + " twice");
    }
    boolean done = false;
    InputStream verified =
        content instanceof VerifyingInputStream
            ? content
            : new VerifyingInputStream(
                content, blob.digest(), blob.size(), "blob " + blob.digest() + " for " + file);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long position = region.offset();
      position += write(out, region.header(), region.header().length, position, blob);
      long size = blob.size();
      byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(size, 1))];
      long copied = 0;
      while (copied < size) {
        // A full buffer per write: network reads come in 16 KiB pieces, writes of 1 MiB are
        // cheaper.
        int n = verified.readNBytes(buffer, 0, (int) Math.min(buffer.length, size - copied));
        if (n == 0) {
          break;
        }
        position += write(out, buffer, n, position, blob);
        copied += n;
      }
      // Reading on to the end makes a VerifyingInputStream check the digest (or fail if longer).
      if (copied != size || verified.read() != -1) {
        throw new BundleException(
            "Blob "
                + blob.digest()
                + " should have "
                + size
                + " bytes but its source had "
                + (copied == size ? "more" : String.valueOf(copied)));
      }
      write(out, ZEROS, TarEntries.padding(size), position, blob);
      done = true;
    } finally {
      if (!done) {
        written.remove(blob.digest());
      }
    }
  }

  /**
   * Appends a blob after the blob section (and after those appended before it), checked against its
   * size and digest on the way in: gzip-compressed, unless its first {@link #SAMPLE} bytes do not
   * compress to under {@link #WORTH_IT} of their size (a tar of content already compressed: jars,
   * images, archives), when it goes as it is, under its usual name. One at a time: the next one's
   * place is known only when this one is written.
   */
  private void putCompressed(Descriptor blob, InputStream content) throws IOException {
    if (!written.add(blob.digest())) {
      throw new IllegalStateException(
          "Tried to write blob " + blob.digest() + " into " + file + " twice");
    }
    InputStream verified =
        content instanceof VerifyingInputStream
            ? content
            : new VerifyingInputStream(
                content, blob.digest(), blob.size(), "blob " + blob.digest() + " for " + file);
    boolean done = false;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      lockAppending(blob);
      try {
        byte[] sample = verified.readNBytes((int) Math.min(SAMPLE, blob.size()));
        long start = appendEnd;
        ChannelOutput data = new ChannelOutput(out, start + TarEntries.RECORD, blob);
        boolean compress = compressible(sample);
        long copied = sample.length;
        try (OutputStream sink = compress ? gzip(data) : data) {
          sink.write(sample);
          byte[] buffer = new byte[BUFFER];
          int n;
          while ((n = verified.readNBytes(buffer, 0, buffer.length)) > 0) {
            sink.write(buffer, 0, n);
            copied += n;
          }
        }
        if (copied != blob.size()) {
          throw new BundleException(
              "Blob "
                  + blob.digest()
                  + " should have "
                  + blob.size()
                  + " bytes but its source had "
                  + copied);
        }
        long stored = data.written();
        byte[] header =
            TarEntries.header(
                compress
                    ? BundleLayout.gzipBlobPath(blob.digest())
                    : OciLayout.blobPath(blob.digest()),
                stored,
                modified);
        if (header.length != TarEntries.RECORD) {
          throw new IllegalStateException(
              "Tried to write blob " + blob.digest() + " but its header is not 512 bytes");
        }
        write(out, header, header.length, start, blob);
        long end = start + TarEntries.RECORD + stored;
        write(out, ZEROS, TarEntries.padding(stored), end, blob);
        appendEnd = end + TarEntries.padding(stored);
        if (compress) {
          storedSizes.put(blob.digest(), stored);
        }
        appendedCount++;
        appended.signalAll();
      } finally {
        appending.unlock();
      }
      done = true;
    } finally {
      if (!done) {
        written.remove(blob.digest());
      }
    }
  }

  /** gzip at level 1 onto {@code out}: a transfer tool favours speed over the last percent. */
  private static OutputStream gzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, BUFFER) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  /** Whether {@code sample} deflates (level 1) to under {@link #WORTH_IT} of its size. */
  static boolean compressible(byte[] sample) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      deflater.setInput(sample);
      deflater.finish();
      byte[] scratch = new byte[64 * 1024];
      long deflated = 0;
      while (!deflater.finished()) {
        deflated += deflater.deflate(scratch);
      }
      return deflated < sample.length * WORTH_IT;
    } finally {
      deflater.end();
    }
  }

  /**
   * Writes a blob from the stream {@code content} opens, opened only when it can be written: a blob
   * stored compressed waits for the one before it, and its source (a registry's response) is not
   * left open meanwhile.
   */
  void putBlob(Descriptor blob, Supplier<InputStream> content) throws IOException {
    if (!compressed.containsKey(blob.digest())) {
      try (InputStream in = content.get()) {
        putBlob(blob, in);
      }
      return;
    }
    lockAppending(blob);
    try (InputStream in = content.get()) {
      putCompressed(blob, in);
    } finally {
      appending.unlock();
    }
  }

  /** Takes the lock to append {@code blob}, once the compressed blobs listed before it are in. */
  private void lockAppending(Descriptor blob) throws IOException {
    int turn = appendOrder.indexOf(blob.digest());
    try {
      appending.lockInterruptibly();
      while (appendedCount < turn) {
        appended.await();
      }
    } catch (InterruptedException e) {
      if (appending.isHeldByCurrentThread()) {
        appending.unlock();
      }
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "Interrupted while waiting to write blob " + blob.digest() + " into " + file);
    }
  }

  /** An output stream onto a channel from a position on, counting what it wrote. */
  private final class ChannelOutput extends OutputStream {
    private final FileChannel channel;
    private final long start;
    private final Descriptor blob;
    private long written;

    ChannelOutput(FileChannel channel, long start, Descriptor blob) {
      this.channel = channel;
      this.start = start;
      this.blob = blob;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      TarBundleWriter.this.write(channel, bytes, offset, length, start + written, blob);
      written += length;
    }

    long written() {
      return written;
    }
  }

  /** Keeps a small file to write after the blob section, recorded with its sha256 for the index. */
  @Override
  public void putFile(String path, byte[] content) {
    putUnlisted(path, content);
    files.add(new BundleIndex.FileEntry(path, content.length, Digest.of(content).toString()));
  }

  /** A file of the bundle that is not recorded in the index (the index and its signature). */
  void putUnlisted(String path, byte[] content) {
    if (renderedTail != null) {
      throw new IllegalStateException(
          "Tried to add " + path + " to " + file + " after its size was taken");
    }
    tail.add(new SmallFile(path, content.clone()));
  }

  /** Files kept so far with their hashes, for the index. */
  List<BundleIndex.FileEntry> files() {
    return List.copyOf(files);
  }

  /**
   * The most the tar takes once finished, with {@code extra} files after those kept so far (the
   * index and its signature, made once the blobs are in): blob headers, data, padding, the files
   * and its end. Exact when no blob may be stored compressed and {@code extra} is what comes.
   */
  long sizeBound(List<Map.Entry<String, byte[]>> extra) throws IOException {
    List<SmallFile> files = new ArrayList<>(tail);
    extra.forEach(e -> files.add(new SmallFile(e.getKey(), e.getValue())));
    long compressedBound = compressed.values().stream().mapToLong(blob -> bound(blob.size())).sum();
    return blobSectionEnd + compressedBound + render(files).length;
  }

  /**
   * Writes the files after the blob section, ends the tar and forces it to disk, so a rename
   * afterwards publishes a complete file; no file can be added afterwards.
   */
  void finish() throws IOException {
    List<String> missing =
        Stream.concat(regions.keySet().stream(), compressed.keySet().stream())
            .filter(d -> !written.contains(d))
            .map(Digest::toString)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Tried to finish " + file + " but these blobs were not written: " + missing);
    }
    byte[] bytes = tail();
    stopFlushing();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long position = appendEnd;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      channel.force(true);
    } catch (IOException e) {
      throw failed("the files after the blobs", appendEnd, e);
    }
  }

  private byte[] tail() throws IOException {
    if (renderedTail == null) {
      renderedTail = render(tail);
    }
    return renderedTail;
  }

  /** The small files as tar entries, and the tar's end. */
  private byte[] render(List<SmallFile> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = TarEntries.output(bytes)) {
      for (SmallFile f : files) {
        tar.putArchiveEntry(TarEntries.entry(f.path(), f.content().length, modified));
        tar.write(f.content());
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    return bytes.toByteArray();
  }

  private int write(FileChannel out, byte[] bytes, int length, long position, Descriptor blob)
      throws IOException {
    return write(out, bytes, 0, length, position, blob);
  }

  private int write(
      FileChannel out, byte[] bytes, int offset, int length, long position, Descriptor blob)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    try {
      while (buffer.hasRemaining()) {
        out.write(buffer, position + buffer.position() - offset);
      }
    } catch (IOException e) {
      throw failed("blob " + blob.digest(), position, e);
    }
    return length;
  }

  /** A write error naming what was written where, with a hint when the disk is full. */
  private IOException failed(String what, long position, IOException e) {
    return new IOException(
        "Tried to write "
            + what
            + " into "
            + file
            + " at byte "
            + position
            + " but failed: "
            + e.getMessage()
            + (diskFull(e) ? " (the disk holding " + file.getParent() + " is full)" : ""),
        e);
  }

  private boolean diskFull(IOException e) {
    if (e.getMessage() != null && e.getMessage().contains("No space left")) {
      return true;
    }
    try {
      return Files.getFileStore(file.getParent()).getUsableSpace() < BUFFER;
    } catch (IOException | RuntimeException ignored) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    stopFlushing();
    channel.close();
  }
}
