package io.keyflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, for the browser tests ({@code *E2E}).
 *
 * <p>Both paths are given to Selenium explicitly, so Selenium Manager never runs and nothing is
 * downloaded. A missing browser or driver fails the test (it never skips): {@code ./scripts/test}
 * installs both. Each browser gets an empty profile of its own, removed again on {@link #close}.
 */
public final class Chromium implements AutoCloseable {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** Screenshots and page sources for looking at after a run; tests never assert on them. */
  public static final Path OUTPUT = Path.of("target", "e2e").toAbsolutePath();

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Chromium start() {
    requireInstalled();
    // Set as well as the service executable: with the property Selenium skips its manager.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    Path profile = createProfile();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(OUTPUT.resolve(profile.getFileName() + "-chromedriver.log").toFile())
            .build();
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(BROWSER.toFile())
            .addArguments(
                "--headless=new",
                // The tests run as root, where Chromium's sandbox cannot start.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                // The machine has no outside network: keep Chromium from calling home.
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1400",
                "--user-data-dir=" + profile);
    return new Chromium(new ChromeDriver(service, options), profile);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves a screenshot as {@code target/e2e/NAME.png} and the page source beside it. */
  public void capture(String name) {
    try {
      Files.write(OUTPUT.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      Files.writeString(OUTPUT.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteRecursively(profile);
    }
  }

  private static void requireInstalled() {
    for (Path binary : new Path[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(
            binary
                + " is missing: browser tests need Debian's chromium and chromium-driver packages."
                + " Run ./scripts/test, which installs them (or apt-get install chromium chromium-driver).");
      }
    }
  }

  private static Path createProfile() {
    try {
      Files.createDirectories(OUTPUT);
      return Files.createTempDirectory(OUTPUT, "chromium-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover profile under target/ is harmless; the next clean removes it.
    }
  }
}
