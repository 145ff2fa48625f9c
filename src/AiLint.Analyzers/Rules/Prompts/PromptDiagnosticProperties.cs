namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>Keys of the facts the prompt analyzer passes to its code fix (AIL0301/AIL0303 eval scaffolding) through <c>Diagnostic.Properties</c>.</summary>
    internal static class PromptDiagnosticProperties
    {
        /// <summary>The prompt's id, as the eval file's <c>prompt</c> field spells it (absent: no fix).</summary>
        public const string PromptId = "PromptId";

        /// <summary>The declaring type's name, for the default eval file <c>evals/&lt;Type&gt;.evals.jsonl</c>.</summary>
        public const string TypeName = "TypeName";

        /// <summary>The eval file already holding the prompt's cases, if any.</summary>
        public const string EvalFile = "EvalFile";

        /// <summary>Instruction texts to scaffold todo cases for, whitespace runs collapsed to one space, separated by '\n'.</summary>
        public const string Scaffold = "Scaffold";

        /// <summary>"true" when the prompt has no instructions: the fix adds one todo case without a rule.</summary>
        public const string ScaffoldGeneric = "ScaffoldGeneric";
    }
}
