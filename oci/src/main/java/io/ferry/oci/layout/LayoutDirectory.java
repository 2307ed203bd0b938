package io.ferry.oci.layout;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * An OCI layout in a folder. Blobs and files are written under a temporary name and renamed into
 * place once complete (and, for blobs, verified), so an interrupted write leaves no entry that a
 * reader could mistake for complete.
 */
public final class LayoutDirectory implements LayoutSink, LayoutSource {

  private final Path root;

  private LayoutDirectory(Path root) {
    this.root = root;
  }

  /** A layout in {@code root}, which is created when missing. */
  public static LayoutDirectory at(Path root) {
    return new LayoutDirectory(root);
  }

  /** Starts writing into this folder, keeping any images already in it. */
  public OciLayoutWriter writer() {
    Path index = root.resolve(OciLayout.INDEX_FILE);
    if (Files.exists(index)) {
      return new OciLayoutWriter(this, reader().index());
    }
    return new OciLayoutWriter(this);
  }

  /** Opens the layout in this folder for reading. */
  public OciLayoutReader reader() {
    return OciLayoutReader.open(this);
  }

  /** The folder. */
  public Path root() {
    return root;
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(root.resolve(OciLayout.blobPath(digest)));
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws IOException {
    Path target = root.resolve(OciLayout.blobPath(blob.digest()));
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), blob.digest().shortHex(), ".partial");
    try {
      try (InputStream in =
              new VerifyingInputStream(
                  content, blob.digest(), blob.size(), "blob " + blob.digest() + " for " + root);
          OutputStream out = Files.newOutputStream(partial)) {
        in.transferTo(out);
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public void putFile(String path, byte[] content) throws IOException {
    Path target = root.resolve(path);
    Files.createDirectories(target.getParent());
    Path partial =
        Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
    try {
      Files.write(partial, content);
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public Optional<InputStream> open(String path) throws IOException {
    try {
      return Optional.of(Files.newInputStream(root.resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
