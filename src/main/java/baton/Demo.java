package baton;

import baton.agent.AgentRole;
import baton.agent.AgentStore;
import baton.agent.Passwords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo: the Kestrel Outfitters bot spec and help articles, copied out of the jar into the data
 * folder (so they can be edited, and are never overwritten once there), and two demo agents.
 */
public final class Demo {
  public record DemoAgent(String email, String name, String password, AgentRole role, List<String> teams, List<String> skills) {}

  /** Alice answers chats; Bob supervises and may give refunds (the billing disputes' skill); Carol administers. */
  public static final List<DemoAgent> AGENTS = List.of(
      new DemoAgent("alice@demo.baton.dev", "Alice", "alice-demo-pass", AgentRole.AGENT, List.of("support"), List.of()),
      new DemoAgent("bob@demo.baton.dev", "Bob", "bob-demo-pass", AgentRole.SUPERVISOR, List.of("support", "billing"), List.of("refunds")),
      new DemoAgent("carol@demo.baton.dev", "Carol", "carol-demo-pass", AgentRole.ADMIN, List.of("support", "billing"), List.of()));

  private Demo() {}

  /** Copies the demo spec and knowledge folder under {@code folder}; returns the spec file. */
  public static Path installFiles(Path folder) {
    try {
      URI spec = Demo.class.getResource("/demo/bot.yaml").toURI();
      if ("jar".equals(spec.getScheme())) {
        // jar:file:/path/baton.jar!/demo/bot.yaml: open the jar itself as a file system
        String jar = spec.toString().substring(0, spec.toString().indexOf("!/"));
        try (FileSystem jarFiles = FileSystems.newFileSystem(URI.create(jar), Map.of())) {
          copyTree(jarFiles.getPath("/demo"), folder);
        }
      } else {
        copyTree(Path.of(spec).getParent(), folder);
      }
      return folder.resolve("bot.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the demo files into " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else if (Files.notExists(destination)) {
          Files.copy(path, destination);
        }
      }
    }
  }

  /** Creates the demo agents the first time; later starts leave them (and their passwords) alone. */
  public static void seedAgents(AgentStore agents, Passwords passwords) {
    for (DemoAgent agent : AGENTS) {
      if (agents.findByEmail(agent.email()).isEmpty()) {
        var saved = agents.save(agent.email(), agent.name(), agent.role(), passwords.hash(agent.password()), agent.teams());
        agents.setSkills(saved.id(), agent.skills());
      }
    }
  }
}
