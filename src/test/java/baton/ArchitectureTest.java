package baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the feature packages' rooms their own: each feature may use only the features listed here,
 * which keeps the dependency graph free of cycles, and {@code platform} knows no domain at all.
 */
class ArchitectureTest {
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("platform", Set.of()),
      Map.entry("compliance", Set.of("platform")),
      Map.entry("spec", Set.of("platform", "routing", "signals", "compliance")),
      Map.entry("routing", Set.of("platform")),
      Map.entry("knowledge", Set.of("platform")),
      Map.entry("signals", Set.of("platform")),
      Map.entry("escalation", Set.of("platform", "knowledge", "signals", "spec", "routing", "compliance")),
      Map.entry("conversation", Set.of("platform", "escalation", "knowledge", "routing", "compliance")),
      Map.entry("channels", Set.of("platform", "conversation", "escalation", "spec", "routing", "compliance")),
      Map.entry("widget", Set.of("platform", "conversation")),
      Map.entry("agent", Set.of("platform", "conversation", "routing", "compliance", "knowledge")),
      Map.entry("analytics", Set.of("platform", "conversation", "escalation", "agent", "compliance")),
      Map.entry("tickets", Set.of("platform", "conversation", "escalation", "spec", "compliance", "agent")));
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?baton\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void features_importOnlyTheFeaturesTheyMayUse() throws IOException {
    Path root = Path.of("src/main/java/baton");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the composition root may wire everything
        }
        String feature = relative.getName(0).toString();
        Set<String> allowed = ALLOWED.get(feature);
        assertThat(allowed).as("feature package %s must be listed in ArchitectureTest", feature).isNotNull();
        Matcher imports = IMPORT.matcher(Files.readString(file));
        while (imports.find()) {
          String used = imports.group(1);
          if (!used.equals(feature) && !allowed.contains(used)) {
            violations.add(relative + " uses baton." + used);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackage_saysWhatItOwns() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("src/main/java/baton"))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        assertThat(dir.resolve("package-info.java")).as("package-info.java in " + dir).exists();
      }
    }
  }
}
