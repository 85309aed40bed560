package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import java.io.InputStream;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks every DMN file of policy 5.70.050: one decision per file, id equal to the file name, DMN 1.3
 * namespace, the history time to live Camunda needs to deploy, and the policy version tag.
 */
public class DmnFilesTest extends DmnTestSupport {

    private static final String DMN_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/dmn";

    /** The decision ids the process and the Java glue call (RuleKeys); each must have its file. */
    public static final List<String> DECISIONS = List.of("kineret-indication", "kineret-diagnosis-criteria",
            "kineret-safety-criteria", "kineret-route", "kineret-approval-terms", "kineret-drug-catalogue",
            "kineret-preferred-products", "kineret-vaccine-catalogue", "kineret-decision-deadline",
            "kineret-reviewer-authority");

    /** @return the ids of every file in the top-level {@code dmn/} folder */
    static List<String> dmnFiles() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("dmn"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dmn"))
                    .map(n -> n.substring(0, n.length() - ".dmn".length())).sorted().toList();
        }
    }

    /** The dmn/ folder holds exactly the decisions the product uses. */
    @org.junit.jupiter.api.Test
    void folderHoldsEveryDecision() throws Exception {
        Assertions.assertThat(dmnFiles()).containsExactlyInAnyOrderElementsOf(DECISIONS);
    }

    /** The file parses with the DMN engine and its single decision carries historyTimeToLive 3650 and the version tag. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("dmnFiles")
    void decisionFile(String id) throws Exception {
        DmnDecision decision = parse(id);
        Assertions.assertThat(decision.getKey()).isEqualTo(id);
        Assertions.assertThat(decision.isDecisionTable()).isTrue();

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dmn/" + id + ".dmn")) {
            doc = factory.newDocumentBuilder().parse(in);
        }
        Assertions.assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(DMN_NS);
        NodeList decisions = doc.getElementsByTagNameNS(DMN_NS, "decision");
        Assertions.assertThat(decisions.getLength()).isEqualTo(1);
        Element element = (Element) decisions.item(0);
        Assertions.assertThat(element.getAttribute("id")).isEqualTo(id);
        Assertions.assertThat(element.getAttributeNS(CAMUNDA_NS, "historyTimeToLive")).isEqualTo("3650");
        Assertions.assertThat(element.getAttributeNS(CAMUNDA_NS, "versionTag")).isEqualTo(VERSION_TAG);
        Assertions.assertThat(DECISIONS).contains(id);
    }
}
