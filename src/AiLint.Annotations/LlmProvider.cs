namespace AiLint
{
    /// <summary>An LLM provider whose structured-output schema dialect AiLint knows. Append only; never renumber.</summary>
    public enum LlmProvider
    {
        /// <summary>OpenAI structured outputs (strict JSON schema).</summary>
        OpenAI = 0,

        /// <summary>Anthropic structured outputs and tool input schemas.</summary>
        Anthropic = 1,

        /// <summary>Google Gemini <c>responseSchema</c> (an OpenAPI 3.0 schema subset).</summary>
        Gemini = 2,
    }
}
