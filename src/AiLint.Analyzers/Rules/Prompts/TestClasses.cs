using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The test classes of a document: types declaring an xUnit, NUnit, MSTest or TUnit test method. Text such as
    /// "You are a helpful assistant." written there is a fixture for a fake or recorded client, not a prompt the app
    /// sends, so the slots inside them do not declare prompts (a <c>[Prompt]</c> member still does, and a production
    /// prompt a test reuses is reported at its production use).
    /// </summary>
    internal sealed class TestClasses
    {
        private static readonly string[] TestAttributeNames =
        {
            "Xunit.FactAttribute", // [Theory] derives from it
            "NUnit.Framework.TestAttribute",
            "NUnit.Framework.TestCaseAttribute",
            "NUnit.Framework.TestCaseSourceAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute", // [DataTestMethod] derives from it
            "TUnit.Core.TestAttribute",
        };

        private readonly List<INamedTypeSymbol> attributes;

        private TestClasses(List<INamedTypeSymbol> attributes)
        {
            this.attributes = attributes;
        }

        /// <summary>Null (no cost) when the compilation references no test framework.</summary>
        public static TestClasses? TryCreate(Compilation compilation)
        {
            var found = new List<INamedTypeSymbol>();
            foreach (var name in TestAttributeNames)
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    found.Add(type);
                }
            }

            return found.Count == 0 ? null : new TestClasses(found);
        }

        /// <summary>The spans of the type declarations in <paramref name="model"/>'s tree that declare a test method.</summary>
        public List<TextSpan> Spans(SemanticModel model, CancellationToken cancellationToken)
        {
            var spans = new List<TextSpan>();
            foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes(n => n is not MethodDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax { AttributeLists.Count: > 0, Parent: TypeDeclarationSyntax type } method
                    && (spans.Count == 0 || !spans[spans.Count - 1].Contains(type.Span))
                    && model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol
                    && IsTest(symbol))
                {
                    spans.Add(type.Span);
                }
            }

            return spans;
        }

        public static bool Contains(List<TextSpan>? spans, TextSpan span)
        {
            if (spans is null)
            {
                return false;
            }

            foreach (var candidate in spans)
            {
                if (candidate.Contains(span))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsTest(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    foreach (var known in attributes)
                    {
                        if (SymbolEqualityComparer.Default.Equals(type, known))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
