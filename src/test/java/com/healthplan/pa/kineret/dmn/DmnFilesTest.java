package com.healthplan.pa.kineret.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    /** All decision ids, which are also the file names. */
    public static final List<String> DECISIONS = List.of("kineret-indication", "kineret-diagnosis-criteria",
            "kineret-safety-criteria", "kineret-route", "kineret-approval-terms", "kineret-drug-catalogue",
            "kineret-preferred-products", "kineret-vaccine-catalogue");

    /** The file parses with the DMN engine and its single decision carries historyTimeToLive 3650 and the version tag. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kineret-indication", "kineret-diagnosis-criteria", "kineret-safety-criteria", "kineret-route",
        "kineret-approval-terms", "kineret-drug-catalogue", "kineret-preferred-products", "kineret-vaccine-catalogue"})
    void decisionFile(String id) throws Exception {
        DmnDecision decision = parse(id);
        assertThat(decision.getKey()).isEqualTo(id);
        assertThat(decision.isDecisionTable()).isTrue();

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dmn/" + id + ".dmn")) {
            doc = factory.newDocumentBuilder().parse(in);
        }
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(DMN_NS);
        NodeList decisions = doc.getElementsByTagNameNS(DMN_NS, "decision");
        assertThat(decisions.getLength()).isEqualTo(1);
        Element element = (Element) decisions.item(0);
        assertThat(element.getAttribute("id")).isEqualTo(id);
        assertThat(element.getAttributeNS(CAMUNDA_NS, "historyTimeToLive")).isEqualTo("3650");
        assertThat(element.getAttributeNS(CAMUNDA_NS, "versionTag")).isEqualTo(VERSION_TAG);
        assertThat(DECISIONS).contains(id);
    }
}
