namespace AiLint.Analyzers
{
    /// <summary>
    /// Where a rule's help link points: its page under <c>docs/rules/</c> in the AiLint repository, the same pages the
    /// package ships in its <c>docs/rules/</c> folder. One base address, kept equal to <c>RepositoryUrl</c> in
    /// Directory.Build.props (a test checks both).
    /// </summary>
    internal static class HelpLinks
    {
        /// <summary>The repository, as in Directory.Build.props.</summary>
        public const string RepositoryUrl = "https://github.com/ailint-dev/ailint";

        /// <summary>The rule pages as they exist on the default branch.</summary>
        public const string RulesBaseUrl = RepositoryUrl + "/blob/main/docs/rules/";

        /// <summary>The documentation page of rule <paramref name="id"/>: <c>…/docs/rules/&lt;id&gt;.md</c>.</summary>
        public static string For(string id) => RulesBaseUrl + id + ".md";
    }
}
