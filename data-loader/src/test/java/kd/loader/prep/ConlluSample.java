package kd.loader.prep;

/** Real CoNLL-U sentences for tests, copied unchanged from en_ewt-ud-dev.conllu. */
final class ConlluSample {

    private ConlluSample() {}

    /** One agreement instance: "table" (ID 5, line 7) with "is" (ID 6, aux:pass, VBZ). */
    static final String TABLE_IS_SET =
            """
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
}
