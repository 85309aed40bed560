package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.support.AppTest;

/** The acceptance cases against the application on embedded H2 (the default database). */
@AppTest
class AcceptanceCasesTest extends AbstractAcceptanceCasesTest {
}
