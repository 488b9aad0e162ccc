package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierScreenTest {

    @ParameterizedTest(name = "refuses {0}")
    @CsvSource(delimiter = '|', textBlock = """
            resected on 2019-03-12                  | calendar date  | 2019-03-12
            seen 2019/3/2                           | calendar date  | 2019/3/2
            export 20190312                         | calendar date  | 20190312
            biopsy 12/03/2019                       | calendar date  | 12/03/2019
            biopsy 12.03.19                         | calendar date  | 12.03.19
            US style 03/12/2019                     | calendar date  | 03/12/2019
            12 March 2019                           | calendar date  | 12 March 2019
            12th Mar. 2019                          | calendar date  | 12th Mar. 2019
            12-Mar-2019                             | calendar date  | 12-Mar-2019
            12-MAR-19                               | calendar date  | 12-MAR-19
            'March 12, 2019'                        | calendar date  | 'March 12, 2019'
            surgery in March 2019                   | calendar date  | March 2019
            surgery 03/2019                         | calendar date  | 03/2019
            surgery 2019-03                         | calendar date  | 2019-03
            MRI on 12 March                         | calendar date  | 12 March
            MRI on 3rd of Dec                       | calendar date  | 3rd of Dec
            MRI on March 12th                       | calendar date  | March 12th
            contact jane.doe@example.org            | e-mail address | jane.doe@example.org
            call +33 1 42 34 56 78                  | phone number   | +33 1 42 34 56 78
            call (020) 7946 0958                    | phone number   | (020) 7946 0958
            call 555-123-4567                       | phone number   | 555-123-4567
            mobile 0612345678                       | phone number   | 0612345678
            MRN: A12345                             | record number  | MRN
            NHS trust reference                     | record number  | NHS
            patient id 4711                         | record number  | patient id
            Patient ID: 12                          | record number  | Patient ID
            record no. 55                           | record number  | record no.
            hospital no 5                           | record number  | hospital no 5
            dossier 8812                            | record number  | dossier
            specimen AB123456                       | record number  | AB123456
            seen by Dr Smith                        | personal name  | Dr Smith
            Mrs. Jones agreed                       | personal name  | Mrs. Jones
            reviewed by Prof Müller                 | personal name  | Prof Müller
            dr Smith                                | personal name  | dr Smith
            DR. SMITH                               | personal name  | DR. SMITH
            """)
    void refusesIdentifiersAndDates(String text, String kind, String match) {
        assertThat(IdentifierScreen.find(text)).hasValue(new IdentifierScreen.Finding(kind, match));
    }

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {
            "mitoses 25/10 HPF, necrosis 40%, G3",
            "mitoses 15-30/10 HPF; FNCLCC 3+2+1 = 6, grade 3",
            "size 120 x 85 x 60 mm; 1.5 x 2.0 x 3.1 cm",
            "MR showed a heterogeneous mass with peripheral enhancement",
            "TR/TE 4000/80 ms, TE 90 ms Then T1 post contrast",
            "MS measured on two planes",
            "Patient no evidence of disease at the margin",
            "desmin+, SMA+, h-caldesmon+; Ki-67 30%; ER 80%, PR 40%",
            "ICD-O 8890/3, stage IIIB, pT2b N0 M0 (AJCC 8th edition 2017)",
            "WHO 2020 classification; diagnosed in 2019; FIGO 2009 stage IB",
            "ADC 1.1 x 10^-3 mm2/s; b-values 50, 400, 800",
            "R0 resection, closest margin 2 mm; 2 of 3 nodes; 1:100 dilution",
            "imaging at days 90, 180, 365 after surgery; tumour 12 x 10 cm, it may 2 lesions",
            "score 3/2/1, marginal zone",
            "recorded 12 mitoses in May"})
    void acceptsClinicalText(String text) {
        assertThat(IdentifierScreen.find(text)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void acceptsNothing(String text) {
        assertThat(IdentifierScreen.find(text)).isEmpty();
    }
}
