// A customer reached through another object (a household member, a related party): outside a
// relationship manager's book only its reference fields answer (gateway/security/book_guard.py);
// {{references}} carries them and `__outside`, which the post-pass turns into FORBIDDEN errors.
CASE WHEN {{inBook}} THEN {{projection}} ELSE {{references}} END
