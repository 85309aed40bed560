package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.support.AppTest;
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
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import com.healthplan.pa.kineret.process.ProcessVariables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Request data is data, never code: the process model runs no scripts, and its expressions read only the process
 * variables and Spring beans listed here, in fixed shapes (a bean or variable name, a comparison with a literal,
 * the instance id); nothing in them is assembled from a request's fields. The Camunda Forms' FEEL conditions
 * read only the reviewer's own choice and their texts have no {@code {{…}}} templates but the one that shows the
 * links to the case's determination notices, a variable the application sets.
 *
 * <p>The lists below are the allow-list: a new expression in {@code processes/*.bpmn} must be added here, on
 * purpose, after checking that the variable it reads is set by the application (never copied from the request).
 * The beans are checked against the running application's context.
 */
@AppTest
class ProcessModelSafetyTest {

    @Autowired
    private ApplicationContext context;

    /** Spring beans the model calls through {@code camunda:delegateExpression}. */
    private static final Set<String> BEANS = Set.of(
            "appealDecisionListener", "deriveClinicalFactsDelegate", "linkRenewalDelegate", "prepareReviewDelegate",
            "recordAdverseDeterminationDelegate", "recordAppealDelegate", "recordAppealOverturnedDelegate",
            "recordAppealUpheldDelegate", "recordApprovalDelegate", "recordAuthorizationEndDelegate",
            "recordCriteriaDelegate", "recordDecisionDeadlineDelegate", "recordEscalationDelegate",
            "recordInformationNotReceivedDelegate", "recordInformationReceivedDelegate",
            "recordInformationRequestDelegate", "recordOverdueDelegate", "recordRenewalDueDelegate",
            "recordRenewalRequestDelegate", "recordRouteListener", "recordWithdrawalDelegate", "reviewDecisionListener",
            "recordCaseClosedListener", "purgeClosedCasesDelegate", "trustedApprovalInputsListener",
            "deliverFhirNotificationDelegate");

    /**
     * Process variables that expressions read: set by the application's delegates, its decision tables or the
     * reviewer's decision (a value compared with a literal), never a request field. {@code notificationRetryCycle}
     * is the delivery's retry cycle, set at start from the configuration ({@code NotificationRecorder}).
     */
    private static final Set<String> VARIABLES = Set.of(
            "route", "decision", "appealDecision", "expiresAt", "renewalDueAt", "appealWindow", "notificationRetryCycle");

    /**
     * Bean methods that expressions call, whole: the review deadlines, read from the case record
     * ({@code ReviewDeadlines}), never from a variable.
     */
    private static final String CALLED_BEAN = "reviewDeadlines";
    private static final Set<String> BEAN_CALLS = Set.of("reviewDeadlines.dueBy(execution)",
            "reviewDeadlines.escalateAt(execution)", "reviewDeadlines.escalated(execution)",
            "reviewDeadlines.informationWaitPeriod()");

    /** The only engine object an expression may touch, and the only property read on it. */
    private static final String EXECUTION_ID = "execution.processInstanceId";

    /** Form fields that FEEL conditions of the Camunda Forms may read. */
    private static final Set<String> FORM_VARIABLES = Set.of("decision", "appealDecision");

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*==\\s*('[A-Z_]+'|true|false)\\s*");
    private static final Pattern FEEL_CONDITION = Pattern.compile(
            "=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*!?=\\s*\"[A-Z_]+\"\\s*");
    private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    /** No script task, no Camunda script and no script resource anywhere in the process model. */
    @Test
    void theProcessModelRunsNoScripts() throws Exception {
        List<Path> models = files("processes", ".bpmn");
        Assertions.assertThat(models).as("BPMN files in processes/").isNotEmpty();
        for (Path model : models) {
            Document doc = parse(model);
            Assertions.assertThat(doc.getElementsByTagNameNS(BPMN_NS, "scriptTask").getLength())
                    .as("script tasks in %s", model.getFileName()).isZero();
            Assertions.assertThat(doc.getElementsByTagNameNS(CAMUNDA_NS, "script").getLength())
                    .as("camunda:script in %s", model.getFileName()).isZero();
            List<String> scriptish = new ArrayList<>();
            forEachElement(doc.getDocumentElement(), e -> {
                NamedNodeMap attributes = e.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Attr a = (Attr) attributes.item(i);
                    if (a.getLocalName() != null && (a.getLocalName().equals("scriptFormat")
                            || a.getLocalName().equals("resource") || a.getLocalName().equals("class")
                            || (a.getLocalName().equals("language") && !a.getValue().isBlank()))) {
                        scriptish.add(e.getLocalName() + "@" + a.getName() + "=" + a.getValue());
                    }
                }
                if ("conditionExpression".equals(e.getLocalName()) && e.hasAttribute("language")) {
                    scriptish.add("conditionExpression with language " + e.getAttribute("language"));
                }
            });
            Assertions.assertThat(scriptish).as("script formats, resources, classes or script languages in %s",
                    model.getFileName()).isEmpty();
        }
    }

    /** Every {@code ${…}} of the model reads only the listed beans and variables, in the listed shapes. */
    @Test
    void everyExpressionReadsOnlyKnownVariablesAndBeans() throws Exception {
        Set<String> seen = new TreeSet<>();
        for (Path model : files("processes", ".bpmn")) {
            for (String expression : expressions(parse(model))) {
                seen.add(expression);
                String body = expression.substring(2, expression.length() - 1).trim();
                Assertions.assertThat(expression).as("deferred #{…} expression in %s", model.getFileName()).startsWith("${");
                Matcher comparison = COMPARISON.matcher(body);
                boolean allowed = BEANS.contains(body) || VARIABLES.contains(body) || EXECUTION_ID.equals(body)
                        || BEAN_CALLS.contains(body)
                        || (comparison.matches() && VARIABLES.contains(comparison.group(1)));
                Assertions.assertThat(allowed).as("expression %s in %s: only a listed bean or variable, a listed "
                        + "variable compared with a literal, or %s", expression, model.getFileName(), EXECUTION_ID).isTrue();
            }
        }
        Assertions.assertThat(seen).as("the model's expressions").isNotEmpty();
        Set<String> names = new TreeSet<>();
        seen.forEach(e -> {
            Matcher m = NAME.matcher(e.replaceAll("'[^']*'", ""));
            while (m.find()) {
                names.add(m.group());
            }
        });
        names.removeAll(Set.of("true", "false", "processInstanceId", "execution", "dueBy", "escalateAt", "escalated",
                "informationWaitPeriod"));
        Assertions.assertThat(names).as("names read by the model's expressions")
                .isSubsetOf(union(union(BEANS, Set.of(CALLED_BEAN)), VARIABLES))
                .as("every listed bean is used (the list is kept exact)").containsAll(BEANS);
    }

    /**
     * Each bean the model calls is a bean of the running application under that name, of the kind its place in the
     * model needs: a {@link JavaDelegate} for a service task, an {@link ExecutionListener} or {@link TaskListener}
     * for a listener; {@code reviewDeadlines} answers the calls the model makes on it.
     */
    @Test
    void everyBeanIsAnApplicationBean() throws Exception {
        Map<String, Class<?>> needed = new TreeMap<>();
        for (Path model : files("processes", ".bpmn")) {
            forEachElement(parse(model).getDocumentElement(), e -> {
                String expression = e.hasAttributeNS(CAMUNDA_NS, "delegateExpression")
                        ? e.getAttributeNS(CAMUNDA_NS, "delegateExpression") : e.getAttribute("delegateExpression");
                if (!expression.isEmpty()) {
                    Class<?> kind = switch (e.getLocalName()) {
                        case "executionListener" -> ExecutionListener.class;
                        case "taskListener" -> TaskListener.class;
                        default -> JavaDelegate.class;
                    };
                    needed.put(expression.substring(2, expression.length() - 1).trim(), kind);
                }
            });
        }
        Assertions.assertThat(needed.keySet()).as("beans named by delegateExpression").isEqualTo(new TreeSet<>(BEANS));
        needed.forEach((bean, kind) -> {
            Assertions.assertThat(context.containsBean(bean)).as("bean %s in the application context", bean).isTrue();
            Assertions.assertThat(context.getBean(bean)).as("bean %s", bean).isInstanceOf(kind);
            Assertions.assertThat(context.getBean(bean).getClass().getName()).as("class of bean %s", bean)
                    .startsWith("com.healthplan.pa.kineret.");
        });
        Object deadlines = context.getBean(CALLED_BEAN);
        Assertions.assertThat(deadlines.getClass().getName()).as("class of bean %s", CALLED_BEAN)
                .startsWith("com.healthplan.pa.kineret.");
        for (String call : BEAN_CALLS) {
            String method = call.substring(CALLED_BEAN.length() + 1, call.indexOf('('));
            Class<?>[] parameters = call.contains("(execution)") ? new Class<?>[] {DelegateExecution.class} : new Class<?>[0];
            Assertions.assertThat(deadlines.getClass().getMethod(method, parameters)).as("%s on bean %s", call, CALLED_BEAN)
                    .isNotNull();
        }
    }

    /**
     * Decision tables and decision-result mappings are named literally: which table runs never depends on a
     * variable, and DMN uses no script language (FEEL only).
     */
    @Test
    void decisionTablesAreNamedLiterallyAndUseFeelOnly() throws Exception {
        List<String> all = new ArrayList<>();
        for (Path model : files("processes", ".bpmn")) {
            List<String> refs = new ArrayList<>();
            forEachElement(parse(model).getDocumentElement(), e -> {
                for (String attribute : List.of("decisionRef", "formRef", "candidateGroups", "resultVariable")) {
                    String value = e.getAttributeNS(CAMUNDA_NS, attribute);
                    if (!value.isEmpty()) {
                        refs.add(value);
                    }
                }
            });
            Assertions.assertThat(refs).as("decision, form and group references in %s", model.getFileName())
                    .allSatisfy(r -> Assertions.assertThat(r).matches("[A-Za-z0-9_-]+"));
            all.addAll(refs);
        }
        Assertions.assertThat(all).as("decision, form and group references of the model").isNotEmpty();
        for (Path table : files("dmn", ".dmn")) {
            List<String> languages = new ArrayList<>();
            forEachElement(parse(table).getDocumentElement(), e -> {
                String language = e.getAttribute("expressionLanguage");
                if (!language.isEmpty()) {
                    languages.add(language);
                }
            });
            Assertions.assertThat(languages).as("expression languages in %s", table.getFileName())
                    .allSatisfy(l -> Assertions.assertThat(l.toLowerCase(java.util.Locale.ROOT)).contains("feel"));
        }
    }

    /**
     * The only {@code {{…}}} templates the forms may hold, each the whole text of a text component: a variable the
     * application itself sets from its own records, never from a request field ({@code noticeLinks}: the links to
     * the case's determination notices, UUIDs and fixed words, set by {@code prepareReviewDelegate} and
     * {@code recordAppealDelegate}; reviewers cannot write variables).
     */
    private static final Set<String> FORM_TEMPLATES = Set.of("{{" + ProcessVariables.NOTICE_LINKS.name() + "}}");

    /**
     * The Camunda Forms: FEEL only as conditions on the reviewer's choice; no {@code {{…}}} templates in texts but
     * {@link #FORM_TEMPLATES}.
     */
    @Test
    void formsUseNoTemplatesAndOnlyConditionsOnTheDecision() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> forms = files("processes", ".form");
        Assertions.assertThat(forms).isNotEmpty();
        for (Path form : forms) {
            List<String> strings = new ArrayList<>();
            collectStrings(json.readTree(form.toFile()), strings);
            for (String s : strings) {
                if (!FORM_TEMPLATES.contains(s)) {
                    Assertions.assertThat(s).as("template in %s", form.getFileName()).doesNotContain("{{");
                }
                if (s.startsWith("=")) {
                    Matcher m = FEEL_CONDITION.matcher(s);
                    Assertions.assertThat(m.matches() && FORM_VARIABLES.contains(m.group(1)))
                            .as("FEEL expression %s in %s: only a condition on %s", s, form.getFileName(), FORM_VARIABLES)
                            .isTrue();
                }
            }
        }
    }

    private static void collectStrings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.forEach(child -> collectStrings(child, out));
    }

    private static List<String> expressions(Document doc) {
        List<String> found = new ArrayList<>();
        forEachElement(doc.getDocumentElement(), e -> {
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                addExpressions(attributes.item(i).getNodeValue(), found);
            }
            for (Node child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    addExpressions(child.getNodeValue(), found);
                }
            }
        });
        return found;
    }

    private static void addExpressions(String text, List<String> out) {
        Matcher m = EXPRESSION.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
    }

    private static void forEachElement(Element root, java.util.function.Consumer<Element> action) {
        action.accept(root);
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                forEachElement(child, action);
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Path> files(String folder, String suffix) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve(folder);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
