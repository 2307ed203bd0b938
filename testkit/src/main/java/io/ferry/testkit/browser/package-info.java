/** Headless Debian Chromium driven by Selenium through Debian's chromedriver. */
@NullMarked
package io.ferry.testkit.browser;

import org.jspecify.annotations.NullMarked;
