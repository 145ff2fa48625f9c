using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Recognises a unit-test project by the test attribute its framework declares. System messages written in tests
    /// (a fake conversation for a history reducer, a canned system message for a mocked client) are fixtures, not the
    /// prompts the app ships, so the slot scan skips such projects; a <c>[Prompt]</c> member there still counts.
    /// </summary>
    internal static class TestProjects
    {
        // Attribute types only unit-test frameworks declare: xUnit (v2 and v3), NUnit, MSTest, TUnit.
        private static readonly string[] TestAttributeMetadataNames =
        {
            "Xunit.FactAttribute",
            "NUnit.Framework.TestAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
            "TUnit.Core.TestAttribute",
        };

        public static bool IsTestProject(Compilation compilation)
        {
            foreach (var name in TestAttributeMetadataNames)
            {
                if (compilation.GetTypeByMetadataName(name) != null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
