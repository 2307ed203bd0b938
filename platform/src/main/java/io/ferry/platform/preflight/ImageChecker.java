package io.ferry.platform.preflight;

/** Tells whether an image is in the site registry. */
public interface ImageChecker {

  /** The finding for {@code image}, a full reference such as {@code host/project/name:tag}. */
  Finding check(String image);

  /** For builds or sites without registry access: every image is reported as not checked. */
  static ImageChecker notChecked(String why) {
    return image -> new Finding("image", image, Finding.Level.NOT_CHECKED, why);
  }
}
