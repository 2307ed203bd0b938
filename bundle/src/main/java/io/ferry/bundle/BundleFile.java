package io.ferry.bundle;

import io.ferry.oci.Digest;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.layout.LayoutSource;
import io.ferry.oci.layout.OciLayout;
import io.ferry.oci.registry.BlobSource;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.jspecify.annotations.Nullable;

/**
 * A bundle's tar, opened for reading in place: the entries' names, offsets and sizes are read from
 * the headers (skipping the data), and content is read straight from the file's regions. Entries a
 * bundle never holds (links, devices, absolute paths, {@code ..}, duplicates, content past the end
 * of the file) are listed as {@link #problems()} and left out of {@link #entries()}.
 */
public final class BundleFile implements LayoutSource {

  /** A regular file entry: its content is {@code size} bytes at {@code offset} in the tar. */
  public record Entry(String name, long offset, long size) {}

  private final Path file;
  private final Map<String, Entry> entries;
  private final List<String> problems;

  private BundleFile(Path file, Map<String, Entry> entries, List<String> problems) {
    this.file = file;
    this.entries = entries;
    this.problems = problems;
  }

  /** Reads the tar headers of {@code file}; throws when it is not a tar at all. */
  public static BundleFile open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BundleException("The bundle " + file + " does not exist or is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new BundleException(
          "The bundle " + file + " cannot be read: this user has no permission to read it");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (TarFile tar = new TarFile(file);
        FileChannel channel = FileChannel.open(file)) {
      long length = Files.size(file);
      ByteBuffer header = ByteBuffer.allocate(RECORD); // one per open, for every header read
      long end = 0; // where the last entry's data, padded to a whole record, ends
      String last = null;
      for (TarArchiveEntry entry : tar.getEntries()) {
        String name = entry.getName();
        // The tar reader does not check header checksums; GNU tar does, and fails on a bad one.
        if (!headersBetween(channel, header, end, entry.getDataOffset())) {
          problems.add(
              "entry '"
                  + name
                  + "' has a tar header whose checksum does not match: the header is corrupted"
                  + " (GNU tar reports it and exits with an error)");
        }
        long entryEnd = entry.getDataOffset() + roundUpToRecord(entry.getSize());
        if (entryEnd > end) {
          end = entryEnd;
          last = name;
        }
        String problem = problemOf(entry, name);
        if (problem != null) {
          problems.add("entry '" + name + "' " + problem);
          continue;
        }
        if (entry.isDirectory()) {
          continue;
        }
        if (entry.getDataOffset() + entry.getSize() > length) {
          problems.add(
              "entry '"
                  + name
                  + "' ends at byte "
                  + (entry.getDataOffset() + entry.getSize())
                  + " but the file has "
                  + length
                  + " bytes (the bundle is truncated)");
          continue;
        }
        String normal = name.startsWith("./") ? name.substring(2) : name;
        if (entries.putIfAbsent(normal, new Entry(normal, entry.getDataOffset(), entry.getSize()))
            != null) {
          problems.add("entry '" + name + "' appears more than once");
        }
      }
      if (last != null && end <= length) {
        String trailer = trailerProblem(file, end, length);
        if (trailer != null) {
          problems.add("after the last entry '" + last + "' " + trailer);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The tar reader reads every header before the first entry is seen: whether this is a tar
      // at all is told by the first header alone.
      if (!startsWithTarHeader(file)) {
        throw notATar(file); // the tar reader's words ("Invalid byte 103 at offset 1") add noise
      }
      throw new BundleException(
          "Tried to read the bundle "
              + file
              + " but it is not a readable tar: "
              + printable(e.getMessage())
              + " (is it truncated or corrupted? compare its size and sha256 with the sender's)",
          e);
    }
    if (entries.isEmpty() && problems.isEmpty()) {
      throw notATar(file);
    }
    return new BundleFile(file, Collections.unmodifiableMap(entries), List.copyOf(problems));
  }

  /** Whether the first 512 bytes are a tar header with a valid checksum. */
  private static boolean startsWithTarHeader(Path file) {
    byte[] header = new byte[RECORD];
    try (FileChannel channel = FileChannel.open(file)) {
      if (readFully(channel, ByteBuffer.wrap(header), 0) < RECORD) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    return checksumMatches(header);
  }

  /**
   * Whether every header from {@code from} (the end of the entry before) to {@code dataOffset}
   * (this entry's data) has a matching checksum: extension headers (PAX, GNU long names), each
   * followed by its own data, then the entry's own header in the record just before its data.
   */
  private static boolean headersBetween(
      FileChannel channel, ByteBuffer record, long from, long dataOffset) throws IOException {
    long position = from;
    while (position + RECORD <= dataOffset) {
      record.clear();
      if (readFully(channel, record, position) < RECORD || !checksumMatches(record.array())) {
        return false;
      }
      if (position + RECORD == dataOffset) {
        return true; // the entry's own header
      }
      long size;
      try {
        size = TarUtils.parseOctalOrBinary(record.array(), 124, 12);
      } catch (IllegalArgumentException e) {
        return false;
      }
      position += RECORD + roundUpToRecord(size);
    }
    return false; // the extension headers' sizes do not lead to this entry's header
  }

  private static boolean checksumMatches(byte[] header) {
    try {
      return TarUtils.verifyCheckSum(header);
    } catch (RuntimeException e) {
      return false; // not even octal digits where the checksum goes
    }
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static BundleException notATar(Path file) {
    return new BundleException(
        "The bundle "
            + file
            + " is not a tar archive, or an empty one: it does not start with a tar header (a"
            + " bundle is the tar 'ferry bundle create' writes"
            + (isGzip(file)
                ? "; this file is gzip-compressed, as a copy made with tar -z or gzip is:"
                    + " gunzip it first"
                : "")
            + ")");
  }

  /** Whether {@code file} starts with gzip's magic bytes. */
  private static boolean isGzip(Path file) {
    byte[] magic = new byte[2];
    try (FileChannel channel = FileChannel.open(file)) {
      return readFully(channel, ByteBuffer.wrap(magic), 0) == 2
          && magic[0] == (byte) 0x1f
          && magic[1] == (byte) 0x8b;
    } catch (IOException e) {
      return false;
    }
  }

  /** A message without control characters and bytes of a binary file, for a terminal. */
  private static String printable(@Nullable String message) {
    return String.valueOf(message).replaceAll("[^\\p{Print}]", "?");
  }

  private static final int RECORD = 512;

  private static long roundUpToRecord(long size) {
    return (size + RECORD - 1) / RECORD * RECORD;
  }

  /**
   * What is wrong with the bytes after the last entry, which in a whole tar are its end-of-archive
   * marker: two zero records, then maybe more zeros up to the writer's block size (GNU tar's {@code
   * -b 2048} pads to 1 MiB). A tar cut short inside a header reads as one that ends there (the
   * header's remains are taken for the end), so without this a bundle cut inside its last entry's
   * header, its signature's, passed as an unsigned bundle.
   */
  private static @Nullable String trailerProblem(Path file, long end, long length)
      throws IOException {
    long trailer = length - end;
    if (trailer < 2 * RECORD) {
      return "the tar ends after "
          + trailer
          + " bytes instead of its end-of-archive marker of "
          + 2 * RECORD
          + " zero bytes (the bundle is truncated: compare its size and sha256 with the"
          + " sender's)";
    }
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try (FileChannel channel = FileChannel.open(file)) {
      for (long position = end; position < length; ) {
        buffer.clear();
        int n = readFully(channel, buffer, position);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buffer.get(i) != 0) {
            return "come bytes that are neither an entry nor the end-of-archive marker (the"
                + " bundle is truncated inside an entry's header, or something was appended)";
          }
        }
        position += n;
      }
    }
    return null;
  }

  private static @Nullable String problemOf(TarArchiveEntry entry, String name) {
    if (entry.isSymbolicLink() || entry.isLink()) {
      return "is a link to '" + entry.getLinkName() + "'; a bundle holds no links";
    }
    // commons-compress counts a FIFO and other special entries as files: ask for each kind.
    if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
      return "is a device or FIFO; a bundle holds only files";
    }
    if (!entry.isFile() && !entry.isDirectory()) {
      return "is neither a file nor a folder";
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      return "has an absolute path";
    }
    for (String part : name.split("[/\\\\]")) {
      if (part.equals("..")) {
        return "has '..' in its path";
      }
    }
    return null;
  }

  /** The bundle file. */
  public Path path() {
    return file;
  }

  /** The regular file entries by name. */
  public Map<String, Entry> entries() {
    return entries;
  }

  /** What is wrong with the tar's entries themselves. */
  public List<String> problems() {
    return problems;
  }

  /** The entry named {@code name}. */
  public Optional<Entry> entry(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** The content of an entry as a re-readable source of the file's region. */
  public BlobSource source(Entry entry) {
    return BlobSource.of(file, entry.offset(), entry.size());
  }

  /** The blob entry for {@code digest}. */
  public Optional<Entry> blob(Digest digest) {
    return entry(OciLayout.blobPath(digest));
  }

  /**
   * The content of a blob the index lists, as the blob's own bytes: the file's region, or for a
   * blob stored compressed its region decompressed on the way (no file is written). Empty when the
   * bundle lacks its entry.
   */
  public Optional<BlobSource> blobSource(BundleIndex.Blob blob) {
    return blobSource(blob, true);
  }

  /**
   * As {@link #blobSource(BundleIndex.Blob)}; unless {@code resumable}, a compressed blob's stream
   * closed part-way is closed for good (a {@code Range} answer: nothing reads on from it).
   */
  public Optional<BlobSource> blobSource(BundleIndex.Blob blob, boolean resumable) {
    Optional<Entry> entry = entry(blob.path());
    if (!blob.compressed()) {
      return entry.map(this::source);
    }
    return entry.map(e -> new GunzipSource(blob.parsedDigest(), source(e), blob.size(), resumable));
  }

  /**
   * A compressed region read as what it decompresses to, {@code size} bytes. A stream closed
   * part-way is kept at its place, so that reading on from there (the next chunk of a chunked
   * upload) continues it instead of decompressing again from the start.
   */
  private static final class GunzipSource implements BlobSource {
    private final Digest digest;
    private final BlobSource stored;
    private final long size;
    private final boolean resumable;
    private @Nullable Positioned kept;

    GunzipSource(Digest digest, BlobSource stored, long size, boolean resumable) {
      this.digest = digest;
      this.stored = stored;
      this.size = size;
      this.resumable = resumable;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public synchronized InputStream open(long offset) throws IOException {
      Positioned in = kept;
      kept = null;
      if (in == null || in.position > offset) {
        if (in != null) {
          in.discard();
        }
        InputStream raw = stored.open(0);
        try {
          in = new Positioned(new GZIPInputStream(raw, 1 << 16));
        } catch (IOException | RuntimeException e) {
          raw.close();
          throw corrupted(e);
        }
      }
      try {
        in.skipNBytes(offset - in.position);
      } catch (IOException | RuntimeException e) {
        in.discard();
        throw e;
      }
      return in;
    }

    private synchronized void keep(Positioned in) throws IOException {
      if (kept != null && kept != in) {
        kept.discard();
      }
      kept = in;
    }

    /**
     * A compressed form that does not decompress, or ends early: the bundle is corrupted, which no
     * retry mends (its cause marks it so for the registry client, as a digest mismatch).
     */
    private IOException corrupted(Exception e) {
      return new IOException(
          "the compressed form of blob "
              + digest
              + " does not decompress ("
              + e.getMessage()
              + "): the bundle is corrupted; 'ferry bundle verify' checks every blob",
          new DigestMismatchException(digest, String.valueOf(e.getMessage())));
    }

    /** The decompressed stream, counting where it is; closing it keeps it for the next open. */
    private final class Positioned extends FilterInputStream {
      private long position;

      Positioned(InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      /** Every byte comes through here, so it is counted and a broken stream is told once. */
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
          n = super.read(buffer, offset, length);
        } catch (ZipException | EOFException e) {
          throw corrupted(e);
        }
        if (n < 0 && position < size) {
          throw corrupted(new EOFException("it ends after " + position + " of " + size + " bytes"));
        }
        position += Math.max(n, 0);
        return n;
      }

      /** Skips by reading, which counts (the inflater's own skip would not). */
      @Override
      public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
        long skipped = 0;
        for (int r;
            skipped < n
                && (r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped))) > 0; ) {
          skipped += r;
        }
        return skipped;
      }

      /**
       * Kept for the next {@link #open} when read part-way and resumable; closed at the end (a blob
       * read whole), so no file stays open for nothing.
       */
      @Override
      public void close() throws IOException {
        if (resumable && position < size) {
          keep(this);
        } else {
          discard();
        }
      }

      void discard() throws IOException {
        in.close();
      }
    }
  }

  /** Reads a small entry whole; {@code limit} guards against a hostile size. */
  public byte[] read(Entry entry, int limit) {
    if (entry.size() > limit) {
      throw new BundleException(
          "Entry "
              + entry.name()
              + " of "
              + file
              + " has "
              + entry.size()
              + " bytes, more than "
              + limit);
    }
    try (InputStream in = source(entry).open(0)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new BundleException(
          "Tried to read " + entry.name() + " from " + file + " but failed: " + e, e);
    }
  }

  @Override
  public Optional<InputStream> open(String path) throws IOException {
    Entry entry = entries.get(path);
    return entry == null ? Optional.empty() : Optional.of(source(entry).open(0));
  }

  @Override
  public String describe() {
    return file.toString();
  }
}
