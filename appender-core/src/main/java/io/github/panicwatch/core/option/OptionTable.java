package io.github.panicwatch.core.option;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The options and nested elements of one configuration bean, each by its declared name: what users
 * write (Logback elements, Log4j2 attributes and elements, the watcher's flags and the files it
 * reads) mapped to where the bean keeps the text. Binding only stores text and never throws;
 * {@link #check} parses every value against its declaration, so a value that does not parse, or
 * names a variable nobody defined, is reported in the same words by every frontend.
 *
 * @param <B> the bean this table fills
 */
public final class OptionTable<B> {
  /** A nested element: a bean of its own, filled through its table, then attached to its parent. */
  public record Nested<P, C>(
      String name, OptionTable<C> table, BiConsumer<P, C> attach, Function<P, List<C>> children, boolean repeatable) {

    /** Attaches {@code child}, a bean of this element's table, to {@code parent}. */
    public void attachBean(P parent, Object child) {
      attach.accept(parent, table.type().cast(child));
    }
  }

  /** A text option: its declaration, where the bean stores a text, and the texts it holds. */
  private record Entry<B>(Option<?> option, BiConsumer<B, String> store, Function<B, List<String>> texts) {}

  private final String prefix;
  private final Class<B> type;
  private final Supplier<B> create;
  private final Map<String, Entry<B>> entries = new LinkedHashMap<>();
  private final Map<String, Nested<B, ?>> elements = new LinkedHashMap<>();

  /**
   * @param prefix what status lines put before an option's name ({@code "scrub."}), empty at the top
   * @param type the bean's class
   * @param create makes a bean with every option at its default
   */
  public OptionTable(String prefix, Class<B> type, Supplier<B> create) {
    this.prefix = prefix;
    this.type = type;
    this.create = create;
  }

  /** The bean's class. */
  public Class<B> type() {
    return type;
  }

  /** A new bean with every option at its default, to bind into. */
  public B create() {
    return create.get();
  }

  /**
   * Declares a text option of the bean.
   *
   * @param store keeps one text: replaces it, or adds one more for a repeatable option
   * @param texts the texts the bean holds for the option, as stored (empty when unset)
   */
  public OptionTable<B> option(Option<?> option, BiConsumer<B, String> store, Function<B, List<String>> texts) {
    entries.put(option.name(), new Entry<>(option, store, texts));
    return this;
  }

  /**
   * Declares a nested element of the bean.
   *
   * @param attach adds a child (repeatable) or sets it
   * @param children the children the bean holds, to check them with their table
   */
  public <C> OptionTable<B> element(
      String name, OptionTable<C> table, BiConsumer<B, C> attach, Function<B, List<C>> children, boolean repeatable) {
    elements.put(name, new Nested<>(name, table, attach, children, repeatable));
    return this;
  }

  /** The declarations of the text options, in table order. */
  public List<Option<?>> options() {
    List<Option<?>> options = new ArrayList<>();
    entries.values().forEach(entry -> options.add(entry.option()));
    return options;
  }

  /** The declaration of text option {@code name}, or {@code null} when it is none. */
  public Option<?> option(String name) {
    Entry<B> entry = entries.get(name);
    return entry == null ? null : entry.option();
  }

  /** Names of the options written as text, in table order. */
  public Set<String> valueNames() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /** Names of the nested elements, in table order. */
  public Set<String> elementNames() {
    return Collections.unmodifiableSet(elements.keySet());
  }

  /** Every name of this table: text options, then nested elements. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>(entries.keySet());
    names.addAll(elements.keySet());
    return Collections.unmodifiableSet(names);
  }

  /** True for an option or element that may be given more than once (each adds). */
  public boolean isRepeatable(String name) {
    Entry<B> entry = entries.get(name);
    Nested<B, ?> element = elements.get(name);
    return entry != null ? entry.option().isRepeatable() : element != null && element.repeatable();
  }

  /**
   * This table's spelling of {@code name}, matched ignoring case (Log4j2 attribute and element
   * names are case-insensitive), or {@code null} when the table has no such option.
   */
  public String canonicalName(String name) {
    for (String known : names()) {
      if (known.equalsIgnoreCase(name)) {
        return known;
      }
    }
    return null;
  }

  /** The nested element {@code name}, or {@code null} when it is none (a text option, or unknown). */
  public Nested<B, ?> nested(String name) {
    return elements.get(name);
  }

  /**
   * The table of the element written {@code name} (any case) at any depth below this one ({@code
   * tag}, {@code keyRule}), or {@code null}; element names are unique across the tables.
   */
  public OptionTable<?> elementTable(String name) {
    for (Nested<B, ?> element : elements.values()) {
      if (element.name().equalsIgnoreCase(name)) {
        return element.table();
      }
      OptionTable<?> deeper = element.table().elementTable(name);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  /**
   * Stores text option {@code name}: one value, even for a repeatable option (the body of one
   * Logback element). An empty value is as if the option were not written: Logback never passes
   * one, so Log4j2 and the watcher do not either.
   *
   * @return {@code null} when stored; otherwise what went wrong (an unknown name)
   */
  public ConfigProblem bind(B target, String name, String value) {
    Entry<B> entry = entries.get(name);
    if (entry == null) {
      return new ConfigProblem(prefix + name, "Unknown option [" + prefix + name + "]; it was ignored");
    }
    if (value != null && !value.isBlank()) {
      entry.store().accept(target, value);
    }
    return null;
  }

  /**
   * Stores text option {@code name} from an attribute or a flag: a repeatable option takes a
   * comma-separated list ({@code panicMarker="CRASH, FATAL"}), the form of repeated elements where
   * only one attribute can be written. An empty entry of a list is stored as empty, and the bean's
   * validation reports it.
   *
   * @return what went wrong, empty when everything was stored
   */
  public List<ConfigProblem> bindAttribute(B target, String name, String value) {
    Entry<B> entry = entries.get(name);
    if (entry == null || !entry.option().isRepeatable() || value == null || value.isBlank()) {
      ConfigProblem problem = bind(target, name, value);
      return problem == null ? List.of() : List.of(problem);
    }
    for (String part : value.split(",", -1)) {
      entry.store().accept(target, part.trim());
    }
    return List.of();
  }

  /**
   * Everything written into {@code bean}, nested elements included, as an immutable value: each
   * option's texts and each element's children by name, in table order, unset ones left out. Two
   * beans configured alike give equal values; a reconfiguration compares them to tell whether the
   * running engine can go on (issue 12). Holds sensitive values as written: compare it, never print it.
   */
  public Map<String, Object> written(B bean) {
    Map<String, Object> written = new LinkedHashMap<>();
    for (Entry<B> entry : entries.values()) {
      List<String> texts = entry.texts().apply(bean);
      if (!texts.isEmpty()) {
        written.put(entry.option().name(), Collections.unmodifiableList(new ArrayList<>(texts)));
      }
    }
    for (Nested<B, ?> element : elements.values()) {
      List<Map<String, Object>> children = writtenChildren(bean, element);
      if (!children.isEmpty()) {
        written.put(element.name(), children);
      }
    }
    return Collections.unmodifiableMap(written);
  }

  private static <P, C> List<Map<String, Object>> writtenChildren(P bean, Nested<P, C> element) {
    List<Map<String, Object>> children = new ArrayList<>();
    for (C child : element.children().apply(bean)) {
      children.add(element.table().written(child));
    }
    return Collections.unmodifiableList(children);
  }

  /**
   * Every value of {@code bean} and its nested elements that does not parse by its declaration, or
   * names a variable the frontend could not resolve; empty entries are left to the bean's own
   * validation. Never throws.
   */
  public List<ConfigProblem> check(B bean, UnresolvedVariables variables) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (Entry<B> entry : entries.values()) {
      String path = prefix + entry.option().name();
      for (String text : entry.texts().apply(bean)) {
        String variable = text == null ? null : variables.find(text);
        if (variable != null) {
          problems.add(ConfigProblem.undefinedVariable(path, variable));
        } else if (text != null && !text.isBlank()) {
          ConfigProblem problem = entry.option().problem(path, text);
          if (problem != null) {
            problems.add(problem);
          }
        }
      }
    }
    for (Nested<B, ?> element : elements.values()) {
      problems.addAll(checkChildren(bean, element, variables));
    }
    return problems;
  }

  private static <P, C> List<ConfigProblem> checkChildren(
      P bean, Nested<P, C> element, UnresolvedVariables variables) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (C child : element.children().apply(bean)) {
      problems.addAll(element.table().check(child, variables));
    }
    return problems;
  }
}
