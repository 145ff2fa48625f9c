using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Generators.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Generators.Pipeline
{
    /// <summary>
    /// Everything schema extraction depends on, in a form that compares cheaply: the declaration fingerprints of the
    /// trees in the compilation's order, the metadata references, and the compilation options that change how
    /// declarations bind. Two compilations with equal keys yield the same <c>[LlmSchema]</c> models and SDK flags.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Tree order matters: a partial type's members, and so its properties' order, follow the compilation's tree order.
    /// </para>
    /// <para>
    /// References are the external ones: reading <see cref="Compilation.References"/> would also bind the compilation's
    /// reference manager for <c>#r</c> directives, which only scripts have (and a directive's text is in the fingerprint).
    /// They compare by instance, as Roslyn itself reuses a referenced assembly's symbols for the same
    /// <see cref="MetadataReference"/> instance; a project-to-project reference in the IDE is a new instance whenever
    /// the other project changes, which re-extracts (sound, and the common case is an edit in this project). Holding
    /// the instances is no leak: while the key is equal they are the ones the current compilation uses.
    /// </para>
    /// <para>
    /// Options: the nullable context changes the annotations the shape reader sees; the assembly name and the
    /// strong-name key decide InternalsVisibleTo access while binding attribute arguments and constants; unsafe,
    /// overflow checking, metadata import options, script class name and script usings change binding or symbol
    /// names. Nothing else in the options (warnings, optimization, platform, output kind) reaches a declaration.
    /// The options object itself is not kept: it can reference per-tree option providers.
    /// </para>
    /// </remarks>
    internal sealed class DeclarationKey : IEquatable<DeclarationKey>
    {
        private readonly ImmutableArray<TreeFingerprint> trees;
        private readonly ImmutableArray<MetadataReference> references;
        private readonly OptionsKey options;

        private DeclarationKey(ImmutableArray<TreeFingerprint> trees, ImmutableArray<MetadataReference> references, OptionsKey options)
        {
            this.trees = trees;
            this.references = references;
            this.options = options;
        }

        /// <summary>The fingerprints, index-aligned with <see cref="Compilation.SyntaxTrees"/> of any compilation with this key.</summary>
        public ImmutableArray<TreeFingerprint> Trees => trees;

        public static DeclarationKey Create(Compilation compilation, ImmutableArray<TreeDeclarations> perTree, CancellationToken cancellationToken)
        {
            // The collected per-tree entries are in the driver's table order (an added tree goes last), not necessarily
            // the compilation's: reorder them, and fingerprint any tree the table does not have (never expected).
            var byTree = new Dictionary<SyntaxTree, TreeFingerprint>(perTree.Length);
            foreach (var entry in perTree)
            {
                byTree[entry.Tree] = entry.Fingerprint;
            }

            var ordered = ImmutableArray.CreateBuilder<TreeFingerprint>(perTree.Length);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!byTree.TryGetValue(tree, out var fingerprint))
                {
                    fingerprint = TreeDeclarations.Compute((CompilationUnitSyntax)tree.GetRoot(cancellationToken), cancellationToken).Fingerprint;
                }

                ordered.Add(fingerprint);
            }

            return new DeclarationKey(ordered.ToImmutable(), compilation.ExternalReferences, OptionsKey.Create(compilation));
        }

        public bool Equals(DeclarationKey? other)
        {
            if (other is null)
            {
                return false;
            }

            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (!options.Equals(other.options) || trees.Length != other.trees.Length || references.Length != other.references.Length)
            {
                return false;
            }

            for (var i = 0; i < references.Length; i++)
            {
                if (!ReferenceEquals(references[i], other.references[i]))
                {
                    return false;
                }
            }

            for (var i = 0; i < trees.Length; i++)
            {
                if (!trees[i].Equals(other.trees[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as DeclarationKey);

        public override int GetHashCode()
        {
            var hash = (trees.Length * 31) + references.Length;
            foreach (var tree in trees)
            {
                hash = unchecked((hash * 31) + tree.GetHashCode());
            }

            return hash;
        }

        private readonly struct OptionsKey : IEquatable<OptionsKey>
        {
            private readonly string? assemblyName;
            private readonly NullableContextOptions nullable;
            private readonly bool allowUnsafe;
            private readonly bool checkOverflow;
            private readonly MetadataImportOptions metadataImport;
            private readonly string? scriptClassName;
            private readonly EquatableArray<string> usings;
            private readonly string? cryptoKeyFile;
            private readonly string? cryptoKeyContainer;
            private readonly EquatableArray<byte> cryptoPublicKey;
            private readonly bool publicSign;

            private OptionsKey(Compilation compilation)
            {
                var options = compilation.Options;
                assemblyName = compilation.AssemblyName;
                nullable = options.NullableContextOptions;
                checkOverflow = options.CheckOverflow;
                metadataImport = options.MetadataImportOptions;
                scriptClassName = options.ScriptClassName;
                cryptoKeyFile = options.CryptoKeyFile;
                cryptoKeyContainer = options.CryptoKeyContainer;
                cryptoPublicKey = new EquatableArray<byte>(options.CryptoPublicKey.IsDefault ? Array.Empty<byte>() : options.CryptoPublicKey.ToArray());
                publicSign = options.PublicSign;
                if (options is CSharpCompilationOptions csharp)
                {
                    allowUnsafe = csharp.AllowUnsafe;
                    usings = new EquatableArray<string>(csharp.Usings.ToArray());
                }
                else
                {
                    allowUnsafe = false;
                    usings = EquatableArray<string>.Empty;
                }
            }

            public static OptionsKey Create(Compilation compilation) => new(compilation);

            public bool Equals(OptionsKey other) =>
                string.Equals(assemblyName, other.assemblyName, StringComparison.Ordinal)
                && nullable == other.nullable
                && allowUnsafe == other.allowUnsafe
                && checkOverflow == other.checkOverflow
                && metadataImport == other.metadataImport
                && string.Equals(scriptClassName, other.scriptClassName, StringComparison.Ordinal)
                && usings.Equals(other.usings)
                && string.Equals(cryptoKeyFile, other.cryptoKeyFile, StringComparison.Ordinal)
                && string.Equals(cryptoKeyContainer, other.cryptoKeyContainer, StringComparison.Ordinal)
                && cryptoPublicKey.Equals(other.cryptoPublicKey)
                && publicSign == other.publicSign;

            public override bool Equals(object? obj) => obj is OptionsKey other && Equals(other);

            public override int GetHashCode() => (int)nullable;
        }
    }
}
