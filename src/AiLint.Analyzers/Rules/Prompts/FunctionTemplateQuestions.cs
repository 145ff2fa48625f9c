namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// When a Semantic Kernel prompt function's template (<c>kernel.CreateFunctionFromPrompt(text)</c>) is not a prompt:
    /// the whole text is a fixed question, with no template variable (<c>{{$input}}</c>) and no interpolated data, that
    /// does not open with a persona (<c>"What are the benefits of renewable energy?"</c>). Demos and smoke tests write the
    /// user's question so, the same text they send to <c>kernel.InvokePromptAsync</c>, where the single-turn test already
    /// leaves a question alone (review81, an SK model-factory sample). Any template with a variable, any sentence that is
    /// not a question ("Generate insights about sustainable technology") and any persona stays a prompt: a function
    /// template is read more generously than a single-turn string because apps write their instructions there.
    /// </summary>
    internal static class FunctionTemplateQuestions
    {
        public static bool IsOnlyAQuestion(PromptDeclaration declaration) =>
            !declaration.HasHoles
            && declaration.Text is { } text
            && text.IndexOf("{{", System.StringComparison.Ordinal) < 0
            && SingleTurnInstruction.OnlyQuestions(text)
            && !SingleTurnPrompt.Qualifies(text);
    }
}
