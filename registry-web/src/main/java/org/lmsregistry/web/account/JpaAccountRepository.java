package org.lmsregistry.web.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaAccountRepository implements AccountRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<Account> findByUsername(String username) {
        return em.createQuery("select a from Account a where a.username = :u", Account.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    @Override
    public List<Account> findAll() {
        return em.createQuery("select a from Account a order by a.username", Account.class).getResultList();
    }

    @Override
    public boolean existsActiveAdmin() {
        return em.createQuery("select count(a) from Account a where a.role = :r and a.active = true", Long.class)
                .setParameter("r", Role.ADMIN).getSingleResult() > 0;
    }

    @Override
    public void add(Account account) {
        em.persist(account);
        em.flush();
    }
}
