using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>One instruction of a prompt and the covering cases whose <c>rule</c> quotes it.</summary>
    internal sealed class InstructionCoverage
    {
        public InstructionCoverage(PromptInstruction instruction, Location location, ImmutableArray<LocatedEvalCase> coveringCases, bool hasTodoCase)
        {
            Instruction = instruction;
            Location = location;
            CoveringCases = coveringCases;
            HasTodoCase = hasTodoCase;
        }

        public PromptInstruction Instruction { get; }

        /// <summary>The instruction's text inside its literal, or the prompt's declaration.</summary>
        public Location Location { get; }

        public ImmutableArray<LocatedEvalCase> CoveringCases { get; }

        /// <summary>A todo case already names this instruction (the scaffold fix does not add another).</summary>
        public bool HasTodoCase { get; }

        public bool IsCovered => CoveringCases.Length > 0;
    }

    /// <summary>Everything AiLint knows about one prompt's evals: the model behind AIL0301–AIL0303 and the coverage report.</summary>
    internal sealed class PromptCoverage
    {
        private PromptCoverage(
            PromptDeclaration declaration,
            string? hash,
            ImmutableArray<LocatedEvalCase> cases,
            ImmutableArray<LocatedEvalCase> coveringCases,
            int recordedPasses,
            bool hasCurrentPass,
            ImmutableArray<InstructionCoverage> instructions,
            PromptTexts texts)
        {
            Declaration = declaration;
            Hash = hash;
            Cases = cases;
            CoveringCases = coveringCases;
            RecordedPasses = recordedPasses;
            HasCurrentPass = hasCurrentPass;
            Instructions = instructions;
            Texts = texts;
        }

        public PromptDeclaration Declaration { get; }

        public string Id => Declaration.Id;

        /// <summary>SHA-256 of the current text; null when the text is not a constant.</summary>
        public string? Hash { get; }

        /// <summary>All cases naming this prompt, todo and incomplete ones included.</summary>
        public ImmutableArray<LocatedEvalCase> Cases { get; }

        public ImmutableArray<LocatedEvalCase> CoveringCases { get; }

        /// <summary>Covering cases that record a <c>promptSha256</c>.</summary>
        public int RecordedPasses { get; }

        public bool HasCurrentPass { get; }

        public ImmutableArray<InstructionCoverage> Instructions { get; }

        /// <summary>The other texts the prompt's id holds (switch arms, branches), when passes are recorded: see <see cref="PromptTexts"/>.</summary>
        public PromptTexts Texts { get; }

        /// <summary>AIL0301: no covering case names the prompt.</summary>
        public bool HasNoCases => CoveringCases.IsEmpty;

        /// <summary>AIL0302: some covering case recorded a pass and none for the current text.</summary>
        public bool IsStale => Hash != null && RecordedPasses > 0 && !HasCurrentPass;

        /// <summary>
        /// AIL0302's descriptor and message arguments. With one text, no recorded pass for it means it changed since they
        /// passed. When the id holds several texts (review87 D1: the six arms of <c>mode switch { ... }</c>, one case
        /// recording the grammar arm), a text no case records may simply never have been recorded: the message says
        /// that no recorded pass is for this text (and, when every recorded pass is for another current text, that they
        /// are), never that it changed. Recording a pass for a case run with this text clears it.
        /// </summary>
        public (DiagnosticDescriptor Descriptor, object?[] Arguments) StaleReport()
        {
            var recorded = RecordedPasses.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Texts.Count <= 1)
            {
                return (Descriptors.AIL0302, new object?[] { Id, recorded, Hash });
            }

            var why = AllRecordedPassesAreForOtherTexts()
                ? "its " + recorded + " recorded pass(es) are for its other texts, none for this one"
                : "none of its " + recorded + " recorded pass(es) is for this one";
            return (Descriptors.AIL0302OneOfSeveralTexts, new object?[] { Id, Texts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), why, Hash });
        }

        /// <summary>Whether every recorded hash is the hash of another text this id holds now (none was left by an edit).</summary>
        private bool AllRecordedPassesAreForOtherTexts()
        {
            foreach (var c in CoveringCases)
            {
                if (!string.IsNullOrEmpty(c.Case.PromptSha256) && !Texts.IsOtherText(c.Case.PromptSha256!))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The eval file that already holds cases for this prompt (where scaffolds go), or null.</summary>
        public string? EvalFilePath => Cases.IsEmpty ? null : Cases[0].Path;

        /// <summary>Computes the coverage of <paramref name="declaration"/>.</summary>
        /// <param name="declaration">The prompt.</param>
        /// <param name="suite">The eval cases.</param>
        /// <param name="reportedTogether">
        /// The prompts found with it (the same document's, or those reported at compilation end): the ones with its id are
        /// the other texts that id holds, which decide what AIL0302 says (<see cref="PromptTexts"/>).
        /// </param>
        public static PromptCoverage Compute(PromptDeclaration declaration, EvalSuite suite, IEnumerable<PromptDeclaration>? reportedTogether = null)
        {
            var cases = suite.GetCases(declaration.Id);
            var covering = ImmutableArray.CreateBuilder<LocatedEvalCase>();
            foreach (var c in cases)
            {
                if (c.Case.IsCovering)
                {
                    covering.Add(c);
                }
            }

            var hash = PromptHash.OfKnownText(declaration);
            var recorded = 0;
            var current = false;
            foreach (var c in covering)
            {
                if (!string.IsNullOrEmpty(c.Case.PromptSha256))
                {
                    recorded++;
                    current |= string.Equals(c.Case.PromptSha256!.Trim(), hash, StringComparison.OrdinalIgnoreCase);
                }
            }

            var instructions = ImmutableArray.CreateBuilder<InstructionCoverage>();
            if (declaration.Text != null)
            {
                foreach (var instruction in InstructionsToCover.Of(declaration.Text, declaration.Id.EndsWith(".prompty", StringComparison.OrdinalIgnoreCase)))
                {
                    var matching = ImmutableArray.CreateBuilder<LocatedEvalCase>();
                    var hasTodo = false;
                    foreach (var c in cases)
                    {
                        if (!PromptInstructions.RuleMatches(c.Case.Rule, instruction.Text))
                        {
                            continue;
                        }

                        if (c.Case.IsCovering)
                        {
                            matching.Add(c);
                        }
                        else
                        {
                            hasTodo = true;
                        }
                    }

                    var location = declaration.SourceMap?.TryGetLocation(instruction.Start, instruction.End)
                        ?? declaration.FileMap?.TryGetLocation(instruction.Start, instruction.End)
                        ?? declaration.Location;
                    instructions.Add(new InstructionCoverage(instruction, location, matching.ToImmutable(), hasTodo));
                }
            }

            // Only prompts with recorded passes look for the other texts of their id (rare: no cost for the rest).
            var texts = recorded > 0 ? PromptTexts.Of(declaration, reportedTogether) : PromptTexts.None;
            return new PromptCoverage(declaration, hash, cases, covering.ToImmutable(), recorded, current, instructions.ToImmutable(), texts);
        }
    }
}
