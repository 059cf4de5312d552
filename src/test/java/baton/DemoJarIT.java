package baton;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's first command, for real: the packaged jar started as its own process with {@code demo}
 * prints where everything is, serves the shop, widget and console, and stops cleanly. Also checks
 * the CLI's refusals: a broken spec exits with file:line errors, {@code --help} names every setting.
 */
class DemoJarIT {
  private static final Path JAR = Path.of("target", "baton.jar");
  private static final Pattern CONSOLE_LINE = Pattern.compile("Agent console:\\s+http://localhost:(\\d+)/console/");

  private static ProcessBuilder java(String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  @Test
  void demo_printsItsAddressesAndServesShopWidgetAndConsole() throws Exception {
    Path dataDir = Files.createTempDirectory("baton-demo-jar-");
    Process process = java("demo", "--port", "0", "--data-dir", dataDir.toString()).start();
    try {
      var output = new StringBuilder();
      int port = -1;
      long started = System.nanoTime();
      // Not closed here: after the banner a drainer thread owns it, and the process's exit ends it.
      var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      {
        String line;
        while ((line = reader.readLine()) != null && !line.startsWith("Press Ctrl+C")) {
          output.append(line).append('\n');
          Matcher matcher = CONSOLE_LINE.matcher(line);
          if (matcher.find()) {
            port = Integer.parseInt(matcher.group(1));
          }
          if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(60)) {
            break;
          }
        }
        assertThat(port).as("the demo prints the console address; output so far:%n%s", output).isPositive();
        // Keep reading the rest of the banner so the process never blocks on a full pipe.
        Thread.ofVirtual().start(() -> reader.lines().forEach(rest -> {}));

        var http = HttpClient.newHttpClient();
        String base = "http://localhost:" + port;
        assertThat(get(http, base + "/health").body()).contains("\"UP\"");
        assertThat(get(http, base + "/").body()).contains("/widget/baton-widget.js");
        assertThat(get(http, base + "/widget/baton-widget.js").statusCode()).isEqualTo(200);
        assertThat(get(http, base + "/console/").body()).contains("data-test=\"login\"");
        assertThat(get(http, base + "/kb/shipping-times-and-costs").body()).contains("Standard shipping");
        assertThat(get(http, base + "/api/openapi.json").body()).contains("\"openapi\"");
        assertThat(output.toString()).contains("Demo shop with the chat widget:").contains("alice@demo.baton.dev");
        assertThat(Files.exists(dataDir.resolve("demo/knowledge/returns-policy.md"))).isTrue();
        assertThat(Files.list(dataDir).map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("baton"));
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      // Baton closes the database after its own work has stopped; H2 must not close it first on exit.
      Path trace = dataDir.resolve("baton.trace.db");
      String traced = Files.exists(trace) ? Files.readString(trace) : "";
      TestDatabases.deleteQuietly(dataDir);
      assertThat(traced).doesNotContain("already closed");
    }
  }

  @Test
  void serve_withABrokenSpec_exitsWithFileLineErrors() throws Exception {
    Path dir = Files.createTempDirectory("baton-bad-spec-");
    Path spec = Files.writeString(dir.resolve("bot.yaml"), "bot:\n  name: Sam\n  greting: hi\n");
    Process process = java("serve", "--spec", spec.toString(), "--port", "0", "--data-dir", dir.toString()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains(spec + ":3:").contains("unknown key 'greting'");
    TestDatabases.deleteQuietly(dir);
  }

  @Test
  void serveHelp_documentsEverySettingWithItsEnvironmentVariable() throws Exception {
    Process process = java("serve", "--help").start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("--port", "BATON_PORT", "--db-url", "BATON_DB_URL", "--max-message-chars", "--admin-email",
        "BATON_ADMIN_PASSWORD", "--config", "--spec", "--data-dir");
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
