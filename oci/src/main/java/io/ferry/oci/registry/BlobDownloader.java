package io.ferry.oci.registry;

import io.ferry.oci.Descriptor;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.OciException;
import io.ferry.oci.TransferListener;
import io.ferry.oci.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Pulls a blob into a file, resuming from a {@code <file>.partial} left by an earlier attempt with
 * {@code Range}; the file appears under its name only once its digest is verified.
 */
final class BlobDownloader {

  private final RegistryCaller caller;

  BlobDownloader(RegistryCaller caller) {
    this.caller = caller;
  }

  void download(String repository, Descriptor blob, Path file, TransferListener listener) {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    String source = "blob " + blob.digest() + " from " + caller.registry() + "/" + repository;
    try {
      MessageDigest hasher = blob.digest().newHasher();
      long have = 0;
      if (Files.exists(partial)) {
        have = Files.size(partial);
        if (have > blob.size()) {
          Files.delete(partial);
          have = 0;
        } else {
          try (InputStream in = Files.newInputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
              hasher.update(buffer, 0, n);
            }
          }
        }
      }
      listener.started(blob.digest(), blob.size(), have);
      InputStream rest =
          have == blob.size()
              ? InputStream.nullInputStream()
              : new ResumingBlobStream(caller, repository, blob.digest(), blob.size(), have);
      try (InputStream in =
              new VerifyingInputStream(
                  new CountingInputStream(rest, blob.digest(), listener),
                  blob.digest(),
                  blob.size(),
                  source,
                  hasher,
                  have);
          OutputStream out =
              Files.newOutputStream(
                  partial, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        in.transferTo(out);
      } catch (DigestMismatchException e) {
        // Resuming on top of bad bytes could never succeed; the next attempt starts clean.
        Files.deleteIfExists(partial);
        throw e;
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      listener.finished(blob.digest());
    } catch (IOException e) {
      throw new OciException(
          "Tried to pull "
              + source
              + " into "
              + file
              + " but failed: "
              + e
              + " (a broken connection after every retry, or a full or read-only disk)",
          e);
    }
  }
}
