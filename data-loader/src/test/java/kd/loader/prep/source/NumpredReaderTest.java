package kd.loader.prep.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kd.common.data.Example;
import kd.loader.prep.SharedData;
import org.junit.jupiter.api.Test;

class NumpredReaderTest {

    // Reference counts: `wc -l` and `cut -f1 numpred.val | sort | uniq -c` on the shared files,
    // which agree with the line counts in SOURCES.md.

    @Test
    void validationFileHasItsPublishedLabelCounts() {
        Rejections rejections = new Rejections();
        List<AgreementItem> items =
                NumpredReader.read(
                        SourceFile.read(SharedData.file("linzen-numpred/numpred.val")), rejections);

        assertEquals(15_772, items.size());
        assertEquals(10_763, items.stream().filter(i -> i.label() == Example.SINGULAR).count());
        assertEquals(5_009, items.stream().filter(i -> i.label() == Example.PLURAL).count());
        assertEquals(0, rejections.count());
        // Nothing in the file tells the attractors or the distance.
        assertEquals(15_772, items.stream().filter(i -> i.attractors() == -1).count());
        assertEquals(15_772, items.stream().filter(i -> i.distance() == -1).count());
    }

    @Test
    void testFileNamesTheAttractorCount() {
        List<AgreementItem> items =
                NumpredReader.read(
                        SourceFile.read(SharedData.file("linzen-numpred/numpred.test.3")),
                        new Rejections());

        assertEquals(2_051, items.size());
        assertEquals(
                2_051,
                items.stream().filter(i -> i.attractors() == 3 && i.intervening() == 3).count());
    }

    @Test
    void firstLineIsReadAsWritten() {
        // Line 1 of numpred.val is "VBP<TAB>since NNP models".
        AgreementItem first =
                NumpredReader.read(
                                SourceFile.read(SharedData.file("linzen-numpred/numpred.val")),
                                new Rejections())
                        .get(0);
        assertEquals("numpred.val:1", first.id());
        assertEquals(Example.PLURAL, first.label());
        assertEquals(List.of("since", "NNP", "models"), first.words());
        assertEquals(3, first.verbIndex());
        assertEquals(false, first.wholeSentence());
    }
}
