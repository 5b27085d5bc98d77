package io.herald.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the config file into a {@link YamlNode} tree. SnakeYAML composes nodes only (no object construction, so
 * no tags can instantiate classes) and keeps start marks, which give every value its line for error messages.
 */
final class YamlFile {
    /** The {@link ConfigException} key for problems with the file as a whole. */
    static final String KEY = "config";

    private final String name;
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

    private YamlFile(String name) {
        this.name = name;
    }

    static YamlNode.Mapping read(Path file) {
        YamlFile reader = new YamlFile(file.toString());
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(in);
            if (root == null) {
                return YamlNode.Mapping.empty();
            }
            YamlNode tree = reader.convert(root, "");
            if (tree instanceof YamlNode.Mapping m) {
                return m;
            }
            if (tree instanceof YamlNode.Scalar s && s.text() == null) {
                return YamlNode.Mapping.empty();
            }
            throw new ConfigException(KEY, "config file " + file + " line " + tree.line()
                    + ": the top level must be a map of keys, e.g. 'dns:' then '  port: 53' on the next line");
        } catch (NoSuchFileException e) {
            throw new ConfigException(KEY, "config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(KEY, "cannot read config file " + file + ": " + e.getMessage());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " line " + (mark.getLine() + 1) + " column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ConfigException(KEY, "invalid YAML in config file " + file + where + ": " + problem);
        } catch (YAMLException e) {
            // SnakeYAML reads lazily and wraps I/O failures (e.g. "Is a directory") in its own exception.
            if (e.getCause() instanceof IOException io) {
                throw new ConfigException(KEY, "cannot read config file " + file + ": " + io.getMessage());
            }
            throw new ConfigException(KEY, "invalid YAML in config file " + file + ": " + e.getMessage());
        }
    }

    private YamlNode convert(Node node, String path) {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        if (inProgress.put(node, Boolean.TRUE) != null) {
            throw new ConfigException(KEY, "config file " + name + " line " + line + ": an alias refers to itself");
        }
        try {
            if (node instanceof ScalarNode s) {
                return new YamlNode.Scalar(Tag.NULL.equals(s.getTag()) ? null : s.getValue(), line);
            }
            if (node instanceof SequenceNode seq) {
                List<YamlNode> items = new ArrayList<>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    items.add(convert(seq.getValue().get(i), path + "[" + i + "]"));
                }
                return new YamlNode.Sequence(List.copyOf(items), line);
            }
            MappingNode map = (MappingNode) node;
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                int keyLine = t.getKeyNode().getStartMark().getLine() + 1;
                if (!(t.getKeyNode() instanceof ScalarNode k) || k.getValue().isBlank()) {
                    throw new ConfigException(KEY, "config file " + name + " line " + keyLine
                            + ": keys must be plain names such as 'port'");
                }
                String full = KeyNames.join(path, k.getValue());
                YamlNode.Entry previous = entries.get(k.getValue());
                if (previous != null) {
                    throw new ConfigException(full, "set twice in config file " + name + " (lines " + previous.line
                            + " and " + keyLine + "); keep one");
                }
                entries.put(k.getValue(), new YamlNode.Entry(k.getValue(), keyLine, convert(t.getValueNode(), full)));
            }
            return new YamlNode.Mapping(entries, line);
        } finally {
            inProgress.remove(node);
        }
    }
}
