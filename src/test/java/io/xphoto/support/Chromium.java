package io.xphoto.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's headless Chromium driven through its chromedriver (both installed by {@code setup/browser.sh}, run by
 * the build before the tests; missing, the test fails). The flags keep it off the network it cannot reach here.
 * Register {@link #screenshotsOnFailure()} as an extension: a failed test leaves
 * {@code target/webclient-screenshots/<test>.png}.
 */
public final class Chromium implements AutoCloseable {

  public static final Path SCREENSHOTS = Path.of("target", "webclient-screenshots");
  private static final String BROWSER = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";
  private static volatile Chromium current;

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Chromium start() throws IOException {
    for (String program : new String[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(Path.of(program))) {
        throw new IllegalStateException(program + " is missing: run setup/browser.sh (the build runs it before the tests)");
      }
    }
    Path profile = Files.createTempDirectory("xphoto-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(BROWSER).addArguments("--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=zh-CN",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1000, 900));
    current = new Chromium(driver, profile);
    return current;
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** A PNG of what the browser shows now, under target/webclient-screenshots/. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
          StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TestWatcher screenshotsOnFailure() {
    return new TestWatcher() {
      @Override
      public void testFailed(ExtensionContext context, Throwable cause) {
        Chromium browser = current;
        if (browser != null) {
          browser.screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
              + context.getRequiredTestMethod().getName());
        }
      }
    };
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      current = null;
      try {
        TestDirectories.delete(profile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
