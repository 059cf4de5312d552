package baton;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for browser tests, driven through Debian's chromedriver with explicit
 * paths, so Selenium never tries to download a browser or driver. Skips when Chromium is missing,
 * unless {@code BATON_REQUIRE_SERVICES=1}.
 */
public final class Browsers {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BATON_CHROMIUM", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("BATON_CHROMEDRIVER", "/usr/bin/chromedriver"));

  private Browsers() {}

  public static ChromeDriver open() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER + "); apt-get install chromium chromium-driver";
      if ("1".equals(System.getenv("BATON_REQUIRE_SERVICES"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    System.setProperty("SE_OFFLINE", "true");
    try {
      Path profile = Files.createTempDirectory("baton-chromium-");
      var options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-default-apps", "--window-size=1366,900", "--user-data-dir=" + profile);
      var service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      var driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return driver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves a screenshot under target/screenshots for a person to look at after the run. */
  public static void screenshot(ChromeDriver driver, String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(file.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // a missing screenshot must not fail the test it documents
    }
  }
}
