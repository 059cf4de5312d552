package baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Baton;
import baton.Demo;
import baton.Main;
import baton.ServerSettings;
import baton.TestServer;
import baton.platform.DatabaseSettings;
import baton.platform.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first start creates the admin named by BATON_ADMIN_EMAIL/PASSWORD; later starts never overwrite it. */
class AdminBootstrapTest {

  @Test
  void firstStart_createsTheAdmin_andLaterStartsKeepItsPassword() throws Exception {
    Path dir = Files.createTempDirectory("baton-admin-");
    try {
      Path spec = Demo.installFiles(dir.resolve("spec"));
      var first = new ServerSettings("127.0.0.1", 0, dir, DatabaseSettings.embedded(dir), spec, 4000,
          Optional.of("Owner@Example.com"), Optional.of("first-password-1"));
      try (Baton server = Main.start(first, false)) {
        var client = new ApiClient(TestServer.wrapping(server));
        var login = client.login("owner@example.com", "first-password-1");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("agent").path("role").asText()).isEqualTo("admin");
        assertThat(login.json().path("agent").path("teams")).hasSize(2);
        assertThat(client.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password()).status())
            .as("serve creates no demo agents").isEqualTo(401);
      }
      var second = new ServerSettings("127.0.0.1", 0, dir, DatabaseSettings.embedded(dir), spec, 4000,
          Optional.of("owner@example.com"), Optional.of("second-password-2"));
      try (Baton server = Main.start(second, false)) {
        var client = new ApiClient(TestServer.wrapping(server));
        assertThat(client.login("owner@example.com", "second-password-2").status()).isEqualTo(401);
        assertThat(client.login("owner@example.com", "first-password-1").status()).isEqualTo(200);
      }
    } finally {
      TestDatabases.deleteQuietly(dir);
    }
  }
}
