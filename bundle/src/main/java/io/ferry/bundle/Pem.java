package io.ferry.bundle;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the DER body of one PEM block such as {@code -----BEGIN PRIVATE KEY-----}. */
final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Pem() {}

  /** The DER bytes of the block labelled {@code label} in {@code file}. */
  static byte[] read(Path file, String label, String hint) {
    if (Files.isDirectory(file)) {
      throw new BundleException("The key file " + file + " is a folder; " + hint);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new BundleException("The key file " + file + " does not exist; " + hint, e);
    } catch (CharacterCodingException e) {
      throw new BundleException(
          "The key file " + file + " is not PEM text (it has non-ASCII bytes); " + hint, e);
    } catch (IOException e) {
      throw new BundleException("Tried to read the key file " + file + " but failed: " + e, e);
    }
    Matcher matcher = BLOCK.matcher(text);
    while (matcher.find()) {
      if (matcher.group(1).equals(label)) {
        return Base64.getMimeDecoder().decode(matcher.group(2));
      }
      if (matcher.group(1).endsWith("PRIVATE KEY") && label.equals("PRIVATE KEY")) {
        throw new BundleException(
            "The key "
                + file
                + " is a '"
                + matcher.group(1)
                + "' PEM block but Ferry reads PKCS#8 ('PRIVATE KEY'); "
                + hint);
      }
    }
    throw new BundleException("The file " + file + " holds no '" + label + "' PEM block; " + hint);
  }
}
