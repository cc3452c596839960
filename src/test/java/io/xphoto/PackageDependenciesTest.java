package io.xphoto;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The package layout of README "Architecture", read from the imports of the main sources. */
class PackageDependenciesTest {

  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.xphoto(?:\\.[a-z]\\w*)*)\\.[A-Z]",
      Pattern.MULTILINE);
  private static final Set<String> SURFACES = Set.of("io.xphoto.api", "io.xphoto.forum", "io.xphoto.objects");

  @Test
  void noPackageDependsOnItself() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      if (reaches(uses, start, start, new TreeSet<>())) {
        cycles.add(start);
      }
    }
    assertEquals(List.of(), cycles, "packages on a cycle: " + uses);
  }

  @Test
  void surfacesUseNoOtherSurfaceAndTheSharedWebPackageNoSurface() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    Map<String, Set<String>> wrong = new TreeMap<>();
    uses.forEach((from, targets) -> targets.stream()
        .filter(to -> (SURFACES.contains(from) || from.equals("io.xphoto.web"))
            && (SURFACES.contains(to) || to.equals("io.xphoto.http")))
        .forEach(to -> wrong.computeIfAbsent(from, k -> new TreeSet<>()).add(to)));
    assertEquals(Map.of(), wrong);
  }

  private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (next.equals(target) || (seen.add(next) && reaches(uses, next, target, seen))) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
          continue;
        }
        String own = declared.group(1);
        Set<String> targets = uses.computeIfAbsent(own, k -> new TreeSet<>());
        Matcher imported = IMPORT.matcher(source);
        while (imported.find()) {
          if (!imported.group(1).equals(own)) {
            targets.add(imported.group(1));
          }
        }
      }
    }
    return uses;
  }
}
