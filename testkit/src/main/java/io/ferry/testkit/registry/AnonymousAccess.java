package io.ferry.testkit.registry;

/** What the token server grants a request without credentials. */
public enum AnonymousAccess {
  /** A token that allows pulling whatever was asked, never pushing or deleting. */
  PULL,
  /** A token with no access at all, as Harbor gives for private projects. */
  NONE
}
