using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Whether any method a compilation can see may carry <c>[AiLint.LlmCall]</c>. The AiLint package references
    /// AiLint.Annotations in every project that installs it, so the attribute type being resolvable says nothing; without
    /// an SDK and without configured methods, an annotated method is the only thing <see cref="LlmCallRecognizer"/> can
    /// recognise (project methods are LLM calls only through such a call), so a project that applies the attribute
    /// nowhere has no LLM call at all and the analyzers can stop at compilation start.
    /// </summary>
    /// <remarks>
    /// Both tests below are conservative ("may"): a false positive only loses the early exit.
    /// <list type="bullet">
    /// <item>Metadata: an assembly whose methods carry the attribute references the attribute's assembly (or an assembly
    /// forwarding the type to it), or is that assembly. The attribute's own assembly is small (AiLint.Annotations) and is
    /// scanned; a large one is assumed to use it.</item>
    /// <item>Source: applying the attribute spells <c>LlmCall</c> (or <c>LlmCallAttribute</c>, or an alias whose
    /// declaration spells it) in some tree, unless the identifier is written with Unicode escapes, so a tree containing
    /// <c>\u</c> or <c>\U</c> anywhere counts as a use too. The text is scanned in chunks, without parsing or binding.</item>
    /// </list>
    /// </remarks>
    internal static class LlmCallAttributeUse
    {
        private const string Name = "LlmCall";
        private const int MaxScannedTypes = 256;

        public static bool MayBeApplied(Compilation compilation, INamedTypeSymbol attribute)
        {
            var attributeAssembly = attribute.ContainingAssembly;
            if (attributeAssembly is null || SymbolEqualityComparer.Default.Equals(attributeAssembly, compilation.Assembly))
            {
                return true; // Declared in this project: its own code is the likely user (and the source scan would say so).
            }

            return MayBeAppliedInMetadata(compilation, attribute, attributeAssembly) || MayBeAppliedInSource(compilation);
        }

        /// <summary>
        /// Whether a method of a referenced assembly may carry the attribute (the metadata half of
        /// <see cref="MayBeApplied"/>). Such a method is recognised by its attribute, under a name no syntactic
        /// pre-filter can know, so a filter must let everything through when this is true (see Gating/RelevantFiles).
        /// </summary>
        public static bool MayBeAppliedInReferences(Compilation compilation, INamedTypeSymbol attribute)
        {
            var attributeAssembly = attribute.ContainingAssembly;
            if (attributeAssembly is null)
            {
                return true;
            }

            // Declared in this project: no referenced assembly can have been compiled against it.
            return !SymbolEqualityComparer.Default.Equals(attributeAssembly, compilation.Assembly)
                && MayBeAppliedInMetadata(compilation, attribute, attributeAssembly);
        }

        private static bool MayBeAppliedInMetadata(Compilation compilation, INamedTypeSymbol attribute, IAssemblySymbol attributeAssembly)
        {
            var metadataName = attribute.ContainingNamespace is { IsGlobalNamespace: false } ns
                ? ns.ToDisplayString() + "." + attribute.MetadataName
                : attribute.MetadataName;
            var referenced = compilation.SourceModule.ReferencedAssemblySymbols;

            // Assemblies through which a reference to the attribute type can resolve: its own and any forwarding it.
            var names = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase) { attributeAssembly.Identity.Name };
            foreach (var assembly in referenced)
            {
                if (assembly.ResolveForwardedType(metadataName) is not null)
                {
                    names.Add(assembly.Identity.Name);
                }
            }

            foreach (var assembly in referenced)
            {
                if (SymbolEqualityComparer.Default.Equals(assembly, attributeAssembly))
                {
                    if (AnyMethodCarries(assembly.GlobalNamespace, attribute))
                    {
                        return true;
                    }

                    continue;
                }

                foreach (var module in assembly.Modules)
                {
                    foreach (var identity in module.ReferencedAssemblies)
                    {
                        if (names.Contains(identity.Name))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool AnyMethodCarries(INamespaceSymbol root, INamedTypeSymbol attribute)
        {
            var scanned = 0;
            var pending = new System.Collections.Generic.Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol container)
                    {
                        pending.Push(container);
                        if (container is INamedTypeSymbol && ++scanned > MaxScannedTypes)
                        {
                            return true;
                        }
                    }
                    else if (member is IMethodSymbol method)
                    {
                        foreach (var data in method.GetAttributes())
                        {
                            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static bool MayBeAppliedInSource(Compilation compilation)
        {
            var buffer = new char[4096];
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (TextMayApply(tree.GetText(), buffer))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MatchesAt(char[] buffer, int index)
        {
            for (var j = 1; j < Name.Length; j++)
            {
                if (buffer[index + j] != Name[j])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The text contains "LlmCall", "\u" or "\U".</summary>
        private static bool TextMayApply(SourceText text, char[] buffer)
        {
            // Chunks overlap by Name.Length - 1 characters so that no occurrence straddles two chunks unseen.
            var overlap = Name.Length - 1;
            for (var start = 0; start < text.Length; start += buffer.Length - overlap)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                for (var i = 0; i < count; i++)
                {
                    var c = buffer[i];
                    if (c == '\\' && i + 1 < count && (buffer[i + 1] == 'u' || buffer[i + 1] == 'U'))
                    {
                        return true;
                    }

                    if (c == 'L' && i + Name.Length <= count && MatchesAt(buffer, i))
                    {
                        return true;
                    }
                }

                if (start + count >= text.Length)
                {
                    break;
                }
            }

            return false;
        }
    }
}
