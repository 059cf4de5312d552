package baton.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a JSON document against the subset of JSON Schema the published packet schema uses (type,
 * required, properties, additionalProperties: false, items, enum, $ref to $defs), so a test can prove
 * every packet the server builds is what docs/schemas promises. Returns the violations, empty when
 * it conforms. Stateless.
 */
final class PacketSchemaCheck {
  private PacketSchemaCheck() {}

  static List<String> violations(JsonNode schema, JsonNode document) {
    List<String> problems = new ArrayList<>();
    check(schema, schema, document, "$", problems);
    return problems;
  }

  private static void check(JsonNode root, JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().replace("#/$defs/", "");
      check(root, root.path("$defs").path(name), value, path, problems);
      return;
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
      problems.add(path + ": expected " + schema.get("type") + ", got " + value.getNodeType());
      return;
    }
    if (schema.has("enum") && !value.isNull()) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(path + ": missing required " + required.asText());
        }
      }
      Iterator<String> names = value.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        JsonNode property = schema.path("properties").get(name);
        if (property != null) {
          check(root, property, value.get(name), path + "." + name, problems);
        } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
          problems.add(path + ": unexpected field " + name);
        } else if (schema.path("additionalProperties").isObject()) {
          check(root, schema.get("additionalProperties"), value.get(name), path + "." + name, problems);
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(root, schema.get("items"), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeMatches(one, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> true;
    };
  }
}
