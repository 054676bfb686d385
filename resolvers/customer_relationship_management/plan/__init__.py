"""The relationship plan (BIAN control record CustomerRelationshipManagementPlan)."""
