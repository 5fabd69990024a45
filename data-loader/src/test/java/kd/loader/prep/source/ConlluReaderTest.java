package kd.loader.prep.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import kd.common.data.Example;
import kd.loader.prep.SharedData;
import org.junit.jupiter.api.Test;

class ConlluReaderTest {

    /**
     * Three sentences of en_ewt-ud-dev.conllu, copied unchanged (newdoc/newpar comments left out).
     * The file line of each subject is counted from the first line of this block.
     */
    static final String EWT_SAMPLE =
            """
            # sent_id = weblog-blogspot.com_thelameduck_20041119192207_ENG_20041119_192207-0001
            # text = The hottest item on Christmas wish lists this year is nuclear weapons.
            1	The	the	DET	DT	Definite=Def|PronType=Art	3	det	3:det	_
            2	hottest	hot	ADJ	JJS	Degree=Sup	3	amod	3:amod	_
            3	item	item	NOUN	NN	Number=Sing	12	nsubj	12:nsubj	_
            4	on	on	ADP	IN	_	7	case	7:case	_
            5	Christmas	Christmas	PROPN	NNP	Number=Sing	7	compound	7:compound	_
            6	wish	wish	NOUN	NN	Number=Sing	7	compound	7:compound	_
            7	lists	list	NOUN	NNS	Number=Plur	3	nmod	3:nmod:on	_
            8	this	this	DET	DT	Number=Sing|PronType=Dem	9	det	9:det	_
            9	year	year	NOUN	NN	Number=Sing	3	nmod:unmarked	3:nmod:unmarked	TemporalNPAdjunct=Yes
            10	is	be	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	12	cop	12:cop	_
            11	nuclear	nuclear	ADJ	JJ	Degree=Pos	12	amod	12:amod	_
            12	weapons	weapon	NOUN	NNS	Number=Plur	0	root	0:root	SpaceAfter=No
            13	.	.	PUNCT	.	_	12	punct	12:punct	_

            # sent_id = reviews-058274-0003
            # text = Atmosphere is always fun, the assortment of customers adds entertainment to the meal
            1	Atmosphere	atmosphere	NOUN	NN	Number=Sing	4	nsubj	4:nsubj	_
            2	is	be	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	4	cop	4:cop	_
            3	always	always	ADV	RB	PronType=Tot	4	advmod	4:advmod	_
            4	fun	fun	ADJ	JJ	Degree=Pos	0	root	0:root	SpaceAfter=No
            5	,	,	PUNCT	,	_	10	punct	10:punct	_
            6	the	the	DET	DT	Definite=Def|PronType=Art	7	det	7:det	_
            7	assortment	assortment	NOUN	NN	Number=Sing	10	nsubj	10:nsubj	_
            8	of	of	ADP	IN	_	9	case	9:case	_
            9	customers	customer	NOUN	NNS	Number=Plur	7	nmod	7:nmod:of	_
            10	adds	add	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	4	parataxis	4:parataxis	_
            11	entertainment	entertainment	NOUN	NN	Number=Sing	10	obj	10:obj	_
            12	to	to	ADP	IN	_	14	case	14:case	_
            13	the	the	DET	DT	Definite=Def|PronType=Art	14	det	14:det	_
            14	meal	meal	NOUN	NN	Number=Sing	10	obl	10:obl:to	_

            # sent_id = email-enronsent05_01-0006
            # text = In other words the table is set.
            1	In	in	ADP	IN	_	3	case	3:case	_
            2	other	other	ADJ	JJ	Degree=Pos	3	amod	3:amod	_
            3	words	word	NOUN	NNS	Number=Plur	7	obl	7:obl:in	_
            4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	5:det	_
            5	table	table	NOUN	NN	Number=Sing	7	nsubj:pass	7:nsubj:pass	_
            6	is	be	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	7	aux:pass	7:aux:pass	_
            7	set	set	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	0:root	SpaceAfter=No
            8	.	.	PUNCT	.	_	7	punct	7:punct	_
            """;

    /*
     * Worked by hand, with the rule of ConlluReader:
     *
     * Sentence 1 (lines 1-15). The only NOUN/PROPN nsubj is "item" (ID 3, line 5, Number=Sing).
     * Its head is "weapons" (ID 12, NNS), not VBZ/VBP, so look at the aux/cop dependents of 12:
     * "is" (ID 10, cop, VBZ). Verb = 10, label singular, distance = 10 - 3 = 7. Words strictly
     * between 3 and 10: on, Christmas (PROPN Sing), wish (NOUN Sing), lists (NOUN Plur), this,
     * year (NOUN Sing): 4 intervening nouns, 1 with a number other than Sing ("lists"): 1 attractor.
     *
     * Sentence 2 (lines 17-32). "Atmosphere" (ID 1, line 19, Sing) is nsubj of "fun" (ID 4, JJ),
     * whose cop "is" (ID 2, VBZ) is the verb: distance 1, no nouns between. "assortment" (ID 7,
     * line 25, Sing) is nsubj of "adds" (ID 10, VBZ) itself: distance 3; between them "of" and
     * "customers" (NOUN Plur): 1 intervening noun, 1 attractor. "entertainment" and "meal" are
     * obj/obl, not subjects.
     *
     * Sentence 3 (lines 34-43). "words" (ID 3) is obl, not a subject. "table" (ID 5, line 40,
     * Sing) is nsubj:pass of "set" (ID 7, VBN), whose aux:pass "is" (ID 6, VBZ) is the verb:
     * distance 1, no nouns between.
     */
    @Test
    void findsTheHandDerivedInstancesOfThreeEwtSentences() {
        List<AgreementItem> items =
                ConlluReader.read(
                        SourceFile.of("ewt.conllu", EWT_SAMPLE.getBytes(StandardCharsets.UTF_8)),
                        new Rejections());

        assertEquals(
                List.of("ewt.conllu:5", "ewt.conllu:19", "ewt.conllu:25", "ewt.conllu:40"),
                items.stream().map(AgreementItem::id).toList());
        assertEquals(List.of(7, 1, 3, 1), items.stream().map(AgreementItem::distance).toList());
        assertEquals(List.of(4, 0, 1, 0), items.stream().map(AgreementItem::intervening).toList());
        assertEquals(List.of(1, 0, 1, 0), items.stream().map(AgreementItem::attractors).toList());
        assertEquals(
                List.of(Example.SINGULAR, Example.SINGULAR, Example.SINGULAR, Example.SINGULAR),
                items.stream().map(AgreementItem::label).toList());

        AgreementItem item = items.get(0);
        assertEquals(
                List.of(
                        "the",
                        "hottest",
                        "item",
                        "on",
                        "christmas",
                        "wish",
                        "lists",
                        "this",
                        "year"),
                item.prefix());
        assertEquals(13, item.words().size());
        assertEquals("is", item.verb());
        assertEquals("be", item.verbLemma());
        assertEquals("NNS", item.tag(6));
        assertEquals("adds", items.get(2).verb());
        assertEquals("add", items.get(2).verbLemma());
    }

    /*
     * Reference count, computed once with this Python 3 script (it shares no code with the Java
     * reader), run as `python3 count.py en_ewt-ud-dev.conllu`; it printed
     * "377 91 28 [('VBP', 93), ('VBZ', 284)]": 377 instances with the subject first, 91 more with
     * the subject after its verb (left out), 28 with at least one attractor, 93 plural, 284
     * singular.
     *
     * import sys
     * def sents(p):
     *     s=[]
     *     for l in open(p,encoding='utf-8'):
     *         l=l.rstrip('\n')
     *         if not l:
     *             if s: yield s
     *             s=[]; continue
     *         if l.startswith('#'): continue
     *         c=l.split('\t')
     *         if '-' in c[0] or '.' in c[0]: continue
     *         s.append(c)
     *     if s: yield s
     * tot=neg=att=0; lab={}
     * for p in sys.argv[1:]:
     *   for s in sents(p):
     *     for t in s:
     *         f=dict(x.split('=',1) for x in t[5].split('|') if '=' in x)
     *         if t[3] in('NOUN','PROPN') and t[7] in('nsubj','nsubj:pass') and 'Number' in f:
     *             h=int(t[6])
     *             if h==0: continue
     *             v=None
     *             if s[h-1][4] in('VBZ','VBP'): v=h
     *             else:
     *                 for u in s:
     *                     if int(u[6])==h and u[7].split(':')[0] in('aux','cop') \
     *                             and u[4] in('VBZ','VBP'): v=int(u[0]); break
     *             if v is None: continue
     *             si=int(t[0])
     *             if v<si: neg+=1; continue
     *             tot+=1; lab[s[v-1][4]]=lab.get(s[v-1][4],0)+1
     *             a=0
     *             for u in s[si:v-1]:
     *                 g=dict(x.split('=',1) for x in u[5].split('|') if '=' in x)
     *                 if u[3] in ('NOUN','PROPN') and 'Number' in g \
     *                         and g['Number']!=f['Number']: a+=1
     *             if a>0: att+=1
     * print(tot,neg,att,sorted(lab.items()))
     *
     * Over all six EWT files the same script gives 3,502 instances, 312 with attractors, which
     * matches the "about 3,500, roughly 300" of SOURCES.md.
     */
    @Test
    void countsEveryInstanceOfTheEwtDevFile() {
        Rejections rejections = new Rejections();
        List<AgreementItem> items =
                ConlluReader.read(
                        SourceFile.read(SharedData.file("ud-english-ewt/en_ewt-ud-dev.conllu")),
                        rejections);

        assertEquals(377, items.size());
        assertEquals(284, items.stream().filter(i -> i.label() == Example.SINGULAR).count());
        assertEquals(93, items.stream().filter(i -> i.label() == Example.PLURAL).count());
        assertEquals(28, items.stream().filter(i -> i.attractors() > 0).count());
        assertEquals(0, rejections.count());
    }
}
